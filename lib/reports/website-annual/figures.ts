import type { Db, Tx } from "@/lib/db/client";
import { chinaDayStart } from "@/lib/time/china";
import { columnRule } from "@/lib/supervision/freshness";
import { interactionAnnualFigures } from "@/lib/interaction/annual-figures";
import { siteVisitTotals } from "@/lib/visits/totals";
import type { FieldValue } from "@/lib/reports/website-annual/template";

// The computed figures of the three reports, each counted from the platform's own records for one
// period (China-time calendar year or month); the source of each is described in template.ts.
// Keys are the template's field keys (group/sub-group/name).

export type Values = Record<string, FieldValue>;
export type Period = { year: number; month: number };
export type ReportSite = {
  id: string;
  name: string;
  siteCode: string;
  icpNumber: string | null;
  psbNumber: string | null;
  organizerName: string | null;
  orgId: string;
  orgName: string;
  host: string | null;
};

/** The instants a period runs between: a year (month 0) or one month, in China time. */
export function periodRange({ year, month }: Period): { start: Date; end: Date } {
  if (month === 0) return { start: chinaDayStart(`${year}-01-01`), end: chinaDayStart(`${year + 1}-01-01`) };
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
  return { start: chinaDayStart(`${year}-${String(month).padStart(2, "0")}-01`), end: chinaDayStart(next) };
}

const OVERVIEW_NAME = /概况|简介|机构|领导|职能|走进/;
const PRODUCT_GENRE = /图解|视频|音频|动漫|H5/i;

type ColumnRow = {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  createdAt: Date;
  cadence: { class: string; days: number | null } | null;
};

/** A column's class in the report: 概况类, 政务动态, 信息公开目录 (or none), from its kind, name and place. */
export function columnClasses(columns: readonly ColumnRow[]): Map<string, Set<"overview" | "news" | "catalogue">> {
  const byId = new Map(columns.map((column) => [column.id, column]));
  const underCatalogue = (column: ColumnRow): boolean => {
    for (let at: ColumnRow | undefined = column; at; at = at.parentId ? byId.get(at.parentId) : undefined)
      if (at.kind === "DISCLOSURE" || at.kind === "POLICY_LIBRARY") return true;
    return false;
  };
  const classes = new Map<string, Set<"overview" | "news" | "catalogue">>();
  for (const column of columns) {
    const set = new Set<"overview" | "news" | "catalogue">();
    if (column.kind === "PAGE" || OVERVIEW_NAME.test(column.name)) set.add("overview");
    if (columnRule(column).class === "news") set.add("news");
    if (underCatalogue(column)) set.add("catalogue");
    classes.set(column.id, set);
  }
  return classes;
}

/** The site's items first published in the period, each once, with the columns of the site it is placed in. */
async function publishedItems(db: Db | Tx, siteId: string, period: Period) {
  const { start, end } = periodRange(period);
  const rows = await db.resource.findMany({
    where: {
      trashedAt: null,
      kind: { not: "SITE_REPORT" },
      placements: { some: { column: { siteId } } },
      publications: { some: { withdrawnAt: null } },
    },
    select: {
      id: true,
      kind: true,
      genre: true,
      publications: { select: { publishedAt: true, firstPublishedAt: true } },
      placements: { where: { column: { siteId } }, select: { columnId: true } },
    },
  });
  return rows.filter((row) => {
    const first = Math.min(...row.publications.map((p) => (p.firstPublishedAt ?? p.publishedAt).getTime()));
    return first >= start.getTime() && first < end.getTime();
  });
}

/** 互动交流 of a site's year, from 政民互动's own annual figures (lib/interaction/annual-figures.ts). */
export async function interactionFigures(db: Db | Tx, siteId: string, year: number): Promise<Values> {
  // Read-only queries: a transaction client answers them like the pool does.
  const f = await interactionAnnualFigures(db as Db, { siteId, year });
  return {
    "互动交流/是否使用统一平台": f.unifiedPlatform.value,
    "互动交流/留言办理/收到留言数量": f.lettersReceived.value,
    "互动交流/留言办理/办结留言数量": f.lettersClosed.value,
    "互动交流/留言办理/平均办理时间": f.letterAverageDays.value,
    "互动交流/留言办理/公开答复数量": f.publicReplies.value,
    "互动交流/征集调查/征集调查期数": f.consultations.value,
    "互动交流/征集调查/收到意见数量": f.opinions.value,
    "互动交流/征集调查/公布调查结果期数": f.consultationResults.value,
    "互动交流/在线访谈/访谈期数": f.interviews.value,
    "互动交流/在线访谈/网民留言数量": f.interviewQuestions.value,
    "互动交流/在线访谈/答复网民提问数量": f.interviewAnswers.value,
    "互动交流/是否提供智能问答": f.smartQa.value,
  };
}

async function findingFigures(db: Db | Tx, siteIds: string[] | null, period: Period) {
  const { start, end } = periodRange(period);
  const site = siteIds ? { siteId: { in: siteIds } } : { siteId: { not: null } };
  const [runs, found, fixed, opened, closed, checked] = await Promise.all([
    db.checkRun.count({ where: { results: { some: { ...site, at: { gte: start, lt: end } } } } }),
    db.finding.count({ where: { ...site, firstSeenAt: { gte: start, lt: end } } }),
    db.finding.count({ where: { ...site, resolvedAt: { gte: start, lt: end } } }),
    db.rectificationTicket.count({ where: { ...site, openedAt: { gte: start, lt: end } } }),
    db.rectificationTicket.count({ where: { ...site, closedAt: { gte: start, lt: end } } }),
    db.checkResult.findMany({
      where: { ...site, at: { gte: start, lt: end } },
      distinct: ["siteId"],
      select: { siteId: true },
    }),
  ]);
  return { runs, found, fixed, opened, closed, checkedSites: checked.length };
}

/** Every computed figure of a site's 政府网站工作年度报表. */
export async function websiteAnnualFigures(db: Db | Tx, site: ReportSite, year: number): Promise<Values> {
  const period = { year, month: 0 };
  const { end } = periodRange(period);
  const { start } = periodRange(period);
  const [columns, items, interaction, security, responsible, accounts, search, visits] = await Promise.all([
    db.column.findMany({
      where: { siteId: site.id },
      select: {
        id: true,
        name: true,
        kind: true,
        parentId: true,
        createdAt: true,
        cadence: { select: { class: true, days: true } },
      },
    }),
    publishedItems(db, site.id, period),
    interactionFigures(db, site.id, year),
    findingFigures(db, [site.id], period),
    db.responsibility.count({ where: { orgId: site.orgId, endedAt: null } }),
    db.newMediaAccount.findMany({
      where: { orgId: site.orgId, status: "ACTIVE" },
      orderBy: { openedAt: "asc" },
      select: { id: true, platform: true, name: true },
    }),
    db.column.count({ where: { siteId: site.id, kind: "SEARCH" } }),
    siteVisitTotals(db, { siteId: site.id, from: `${year}-01-01`, to: `${year}-12-31` }),
  ]);
  const classes = columnClasses(columns);
  const inClass = (name: "overview" | "news" | "catalogue") =>
    items.filter((item) => item.placements.some((p) => classes.get(p.columnId)?.has(name))).length;
  const interpretations = items.filter((item) => item.kind === "INTERPRETATION");
  const products = interpretations.filter((item) => item.genre && PRODUCT_GENRE.test(item.genre)).length;
  const topics = columns.filter((column) => column.kind === "TOPIC");
  const posts = async (platform: "WEIBO" | "WECHAT") => {
    const ids = accounts.filter((account) => account.platform === platform).map((account) => account.id);
    if (!ids.length) return 0;
    return db.delivery.count({
      where: {
        action: "PUBLISH",
        status: { in: ["SENT", "ACKNOWLEDGED"] },
        channel: { accountId: { in: ids } },
        createdAt: { gte: start, lt: end },
      },
    });
  };
  const names = (platform: string) =>
    accounts
      .filter((account) => account.platform === platform)
      .map((account) => account.name)
      .join("、");
  const [weibo, wechat] = await Promise.all([posts("WEIBO"), posts("WECHAT")]);
  const others = accounts.filter((account) => account.platform !== "WEIBO" && account.platform !== "WECHAT");
  return {
    网站名称: site.name,
    首页网址: site.host ? `https://${site.host}` : "",
    主办单位: site.organizerName || site.orgName,
    网站类型: [/人民政府$/.test(site.orgName) ? "政府门户网站" : "部门网站"],
    政府网站标识码: site.siteCode,
    ICP备案号: site.icpNumber ?? "",
    公安机关备案号: site.psbNumber ?? "",
    独立用户访问总量: visits.uniqueVisitors,
    网站总访问量: visits.pageViews,
    "信息发布/总数": items.length,
    "信息发布/概况类信息更新量": inClass("overview"),
    "信息发布/政务动态信息更新量": inClass("news"),
    "信息发布/信息公开目录信息更新量": inClass("catalogue"),
    "专栏专题/维护数量": topics.filter((column) => column.createdAt < end).length,
    "专栏专题/新开设数量": topics.filter((column) => column.createdAt >= start && column.createdAt < end).length,
    "解读回应/解读信息发布/总数": interpretations.length,
    "解读回应/解读信息发布/解读材料数量": interpretations.length - products,
    "解读回应/解读信息发布/解读产品数量": products,
    ...interaction,
    "安全防护/安全检测评估次数": security.runs,
    "安全防护/发现问题数量": security.found,
    "安全防护/问题整改数量": security.fixed,
    "安全防护/是否建立安全监测预警机制": security.runs > 0,
    "安全防护/是否明确网站安全责任人": responsible > 0,
    "移动新媒体/是否有移动新媒体": accounts.length > 0,
    "移动新媒体/微博/名称": names("WEIBO"),
    "移动新媒体/微博/信息发布量": weibo,
    "移动新媒体/微信/名称": names("WECHAT"),
    "移动新媒体/微信/信息发布量": wechat,
    "移动新媒体/其他": others.map((account) => account.name).join("、"),
    创新发展: search > 0 ? ["搜索即服务"] : [],
  };
}

/** Every computed figure of a site's monthly work report. */
export async function monthlyFigures(db: Db | Tx, site: ReportSite, period: Period): Promise<Values> {
  const { start, end } = periodRange(period);
  const [columns, items, letters, consultations, interviews, security, submissions] = await Promise.all([
    db.column.findMany({
      where: { siteId: site.id },
      select: {
        id: true,
        name: true,
        kind: true,
        parentId: true,
        createdAt: true,
        cadence: { select: { class: true, days: true } },
      },
    }),
    publishedItems(db, site.id, period),
    db.letter.findMany({
      where: {
        siteId: site.id,
        state: { not: "MERGED" },
        OR: [{ receivedAt: { gte: start, lt: end } }, { answeredAt: { gte: start, lt: end } }],
      },
      select: { receivedAt: true, answeredAt: true },
    }),
    db.consultation.count({ where: { siteId: site.id, state: "PUBLISHED", opensAt: { gte: start, lt: end } } }),
    db.interview.count({ where: { siteId: site.id, startsAt: { gte: start, lt: end } } }),
    findingFigures(db, [site.id], period),
    db.submission.findMany({
      where: {
        OR: [{ fromOrgId: site.orgId }, { toSiteId: site.id }],
        AND: [{ OR: [{ submittedAt: { gte: start, lt: end } }, { adoptedAt: { gte: start, lt: end } }] }],
      },
      select: { fromOrgId: true, toSiteId: true, submittedAt: true, adoptedAt: true },
    }),
  ]);
  const classes = columnClasses(columns);
  const within = (at: Date | null) => !!at && at >= start && at < end;
  const sent = submissions.filter((row) => row.fromOrgId === site.orgId);
  const received = submissions.filter((row) => row.toSiteId === site.id);
  return {
    网站名称: site.name,
    "信息发布/发布信息数量": items.length,
    "信息发布/政务动态信息更新量": items.filter((item) =>
      item.placements.some((p) => classes.get(p.columnId)?.has("news")),
    ).length,
    "信息发布/政策解读数量": items.filter((item) => item.kind === "INTERPRETATION").length,
    "信息报送/本单位报送数量": sent.filter((row) => within(row.submittedAt)).length,
    "信息报送/本单位被采用数量": sent.filter((row) => within(row.adoptedAt)).length,
    "信息报送/收到来稿数量": received.filter((row) => within(row.submittedAt)).length,
    "信息报送/采用来稿数量": received.filter((row) => within(row.adoptedAt)).length,
    "互动交流/收到留言数量": letters.filter((letter) => within(letter.receivedAt)).length,
    "互动交流/办结留言数量": letters.filter((letter) => within(letter.answeredAt)).length,
    "互动交流/征集调查期数": consultations,
    "互动交流/在线访谈期数": interviews,
    "监管整改/发现问题数量": security.found,
    "监管整改/整改问题数量": security.fixed,
    "监管整改/新立整改单数量": security.opened,
    "监管整改/销号整改单数量": security.closed,
  };
}

const QUARTER_NAMES = ["第一季度", "第二季度", "第三季度", "第四季度"];

/** Every computed figure of the supervising unit's 政府网站监管年度报表 (all sites of the platform). */
export async function supervisionAnnualFigures(db: Db | Tx, unitName: string, year: number): Promise<Values> {
  const period = { year, month: 0 };
  const { start, end } = periodRange(period);
  const [inspections, security, sites, corrections] = await Promise.all([
    db.inspection.findMany({
      where: { period: { startsWith: `${year}` } },
      select: { period: true, scores: { where: { target: "WEBSITE" }, select: { passed: true } } },
    }),
    findingFigures(db, null, period),
    db.site.count({ where: { createdAt: { lt: end } } }),
    db.letter.findMany({
      where: { type: { category: "CORRECTION" }, state: { not: "MERGED" }, receivedAt: { gte: start, lt: end } },
      select: { answeredAt: true, replyDueAt: true },
    }),
  ]);
  const failed = QUARTER_NAMES.map((_, index) => {
    const inspection = inspections.find((row) => row.period === `${year}Q${index + 1}`);
    return inspection ? inspection.scores.filter((score) => !score.passed).length : 0;
  });
  const values: Values = { 填报单位: unitName };
  QUARTER_NAMES.forEach((name, index) => (values[`网站抽查/不合格网站数量/${name}`] = failed[index]!));
  values["网站抽查/不合格网站数量/全年总数"] = failed.reduce((sum, count) => sum + count, 0);
  values["网站抽查/抽查网站数量"] = inspections.reduce((sum, row) => sum + row.scores.length, 0);
  values["安全检查/检查网站数量"] = security.checkedSites;
  values["安全检查/发现问题数量"] = security.found;
  values["安全检查/整改问题数量"] = security.fixed;
  values["网站开设整合/运行网站数量"] = sites;
  values["“我为政府网站找错”网民留言办理/收到留言数量"] = corrections.length;
  values["“我为政府网站找错”网民留言办理/按期办结数量"] = corrections.filter(
    (letter) => letter.answeredAt && (!letter.replyDueAt || letter.answeredAt <= letter.replyDueAt),
  ).length;
  return values;
}
