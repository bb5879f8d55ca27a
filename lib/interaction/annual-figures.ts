import type { Db } from "@/lib/db/client";
import { chinaDayStart } from "@/lib/time/china";

// The 互动交流 group of the 《政府网站工作年度报表》 (国办函〔2018〕12号) for one site and one China
// calendar year: one query per figure, each returned with the template's field name, its unit and
// a short Chinese account of what was counted, so the annual report can show where a figure comes
// from and an officer can override it knowingly. The report (lib/reports) calls
// `interactionAnnualFigures`; nothing here checks permissions: the caller has done so.
//
// Letters follow the site's 受理反馈情况 statistics (lib/interaction/publish/statistics.ts): counted
// by the year they were received, duplicates merged into another letter (重复件) not counted again,
// messages of the national 我为政府网站找错 platform left out (they belong to the 监管年度报表).
// Consultations count in the year they closed, as the yearly quota counts them
// (lib/interaction/consult/quota.ts); interviews in the year they were held, once closed
// (lib/interaction/interview/statistics.ts).

export type AnnualFigureQuery = { siteId: string; year: number };

export type AnnualFigureGroup = "留言办理" | "征集调查" | "在线访谈" | null;

export type AnnualFigure<V extends number | boolean | null> = {
  /** The template's sub-group (null for the group's own yes/no questions). */
  group: AnnualFigureGroup;
  /** The template's field name, exactly. */
  label: string;
  /** The template's unit: 条, 期, 天, or "" for a yes/no question. */
  unit: string;
  value: V;
  /** What was counted, in Chinese. */
  source: string;
};

export type InteractionAnnualFigures = {
  siteId: string;
  year: number;
  /** 是否使用统一平台 */
  unifiedPlatform: AnnualFigure<boolean>;
  /** 留言办理: 收到留言数量 (条) */
  lettersReceived: AnnualFigure<number>;
  /** 留言办理: 办结留言数量 (条) */
  lettersClosed: AnnualFigure<number>;
  /** 留言办理: 平均办理时间 (天); null when no letter was closed. */
  letterAverageDays: AnnualFigure<number | null>;
  /** 留言办理: 公开答复数量 (条) */
  publicReplies: AnnualFigure<number>;
  /** 征集调查: 征集调查期数 (期) */
  consultations: AnnualFigure<number>;
  /** 征集调查: 收到意见数量 (条) */
  opinions: AnnualFigure<number>;
  /** 征集调查: 公布调查结果期数 (期) */
  consultationResults: AnnualFigure<number>;
  /** 在线访谈: 访谈期数 (期) */
  interviews: AnnualFigure<number>;
  /** 在线访谈: 网民留言数量 (条) */
  interviewQuestions: AnnualFigure<number>;
  /** 在线访谈: 答复网民提问数量 (条) */
  interviewAnswers: AnnualFigure<number>;
  /** 是否提供智能问答 */
  smartQa: AnnualFigure<boolean>;
};

const DAY_MS = 86_400_000;

/** The year's bounds in China time: [from, to). */
function yearBounds(year: number): { from: Date; to: Date } {
  return { from: chinaDayStart(`${year}-01-01`), to: chinaDayStart(`${year + 1}-01-01`) };
}

function figure<V extends number | boolean | null>(
  group: AnnualFigureGroup,
  label: string,
  unit: string,
  value: V,
  source: string,
): AnnualFigure<V> {
  return { group, label, unit, value, source };
}

const count = (rows: { n: bigint | number }[]) => Number(rows[0]?.n ?? 0);

// ───────────── 留言办理 ─────────────

/** The letters of the year: the site's own (not the national platform's), not merged as duplicates. */
function lettersWhere(siteId: string, year: number) {
  const { from, to } = yearBounds(year);
  return {
    siteId,
    channel: { not: "NATIONAL" as const },
    state: { not: "MERGED" as const },
    receivedAt: { gte: from, lt: to },
  };
}

export async function countLettersReceived(db: Db, { siteId, year }: AnnualFigureQuery) {
  const value = await db.letter.count({ where: lettersWhere(siteId, year) });
  return figure(
    "留言办理",
    "收到留言数量",
    "条",
    value,
    `本站当年（北京时间）收到的留言（网站、新媒体、12345 热线、融媒体中心及智能问答转入），不含合并的重复件和国务院“我为政府网站找错”平台转来的留言`,
  );
}

export async function countLettersClosed(db: Db, { siteId, year }: AnnualFigureQuery) {
  const value = await db.letter.count({ where: { ...lettersWhere(siteId, year), answeredAt: { not: null } } });
  return figure(
    "留言办理",
    "办结留言数量",
    "条",
    value,
    `当年收到的留言中，答复已审核通过并送达留言人（已答复、已办结）的数量`,
  );
}

export async function averageLetterDays(db: Db, { siteId, year }: AnnualFigureQuery) {
  const letters = await db.letter.findMany({
    where: { ...lettersWhere(siteId, year), answeredAt: { not: null } },
    select: { receivedAt: true, answeredAt: true },
  });
  const total = letters.reduce((sum, letter) => sum + (letter.answeredAt!.getTime() - letter.receivedAt.getTime()), 0);
  const value = letters.length ? Math.round((total / letters.length / DAY_MS) * 10) / 10 : null;
  return figure(
    "留言办理",
    "平均办理时间",
    "天",
    value,
    `当年收到并已办结的留言，从收到到答复的自然日数的平均值（保留一位小数；没有办结的留言时为空）`,
  );
}

export async function countPublicReplies(db: Db, { siteId, year }: AnnualFigureQuery) {
  const { from, to } = yearBounds(year);
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    select count(*) as n
      from "Letter" l
     where l."siteId" = ${siteId}::uuid and l.channel <> 'NATIONAL' and l."publicResourceId" is not null
       and exists (select 1 from "Publication" p
                    where p."resourceId" = l."publicResourceId" and p."withdrawnAt" is null
                      and p."supersededAt" is null
                      and coalesce(p."firstPublishedAt", p."publishedAt") >= ${from}
                      and coalesce(p."firstPublishedAt", p."publishedAt") < ${to})`;
  return figure(
    "留言办理",
    "公开答复数量",
    "条",
    count(rows),
    `当年首次在留言选登中公开（去标识化副本经审核发布且未撤回）的留言答复数量`,
  );
}

// ───────────── 征集调查 ─────────────

export async function countConsultations(db: Db, { siteId, year }: AnnualFigureQuery) {
  const { from, to } = yearBounds(year);
  const value = await db.consultation.count({
    where: { siteId, state: "PUBLISHED", closesAt: { gte: from, lt: to } },
  });
  return figure(
    "征集调查",
    "征集调查期数",
    "期",
    value,
    `本站已发布、截止时间在当年的意见征集和问卷调查（未发布和已撤销的不计）`,
  );
}

export async function countOpinions(db: Db, { siteId, year }: AnnualFigureQuery) {
  const { from, to } = yearBounds(year);
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    select (select count(*) from "ConsultationResponse" r where r."consultationId" = any(c.ids))
         + (select count(*) from "ConsultationComment" m
             where m."consultationId" = any(c.ids) and m.status <> 'REJECTED') as n
      from (select coalesce(array_agg(id), '{}') as ids from "Consultation"
             where "siteId" = ${siteId}::uuid and state = 'PUBLISHED'
               and "closesAt" >= ${from} and "closesAt" < ${to}) c`;
  return figure(
    "征集调查",
    "收到意见数量",
    "条",
    count(rows),
    `上述征集调查收到的问卷答卷数与意见留言数之和（审核未通过、不予公开的留言不计）`,
  );
}

export async function countConsultationResults(db: Db, { siteId, year }: AnnualFigureQuery) {
  const { from, to } = yearBounds(year);
  const value = await db.consultation.count({
    where: {
      siteId,
      state: "PUBLISHED",
      closesAt: { gte: from, lt: to },
      feedbackResource: { publications: { some: { withdrawnAt: null } } },
    },
  });
  return figure(
    "征集调查",
    "公布调查结果期数",
    "期",
    value,
    `上述征集调查中，征集结果反馈已经审核发布（未撤回）的期数，与年度征集任务计数一致`,
  );
}

// ───────────── 在线访谈 ─────────────

/** The closed interviews of the year, by the day (China time) they were held. */
function interviewsWhere(siteId: string, year: number) {
  const { from, to } = yearBounds(year);
  return { siteId, status: "CLOSED" as const, startsAt: { gte: from, lt: to } };
}

export async function countInterviewSessions(db: Db, { siteId, year }: AnnualFigureQuery) {
  const value = await db.interview.count({ where: interviewsWhere(siteId, year) });
  return figure("在线访谈", "访谈期数", "期", value, `本站当年举行并已结束的在线访谈期数（按访谈开始时间计）`);
}

export async function countInterviewQuestions(db: Db, { siteId, year }: AnnualFigureQuery) {
  const value = await db.interviewQuestion.count({ where: { interview: interviewsWhere(siteId, year) } });
  return figure("在线访谈", "网民留言数量", "条", value, `上述访谈收到的网民提问总数（含未采用的提问）`);
}

export async function countInterviewAnswers(db: Db, { siteId, year }: AnnualFigureQuery) {
  const value = await db.interviewQuestion.count({
    where: {
      interview: interviewsWhere(siteId, year),
      posts: { some: { kind: "ANSWER", retractedAt: null } },
    },
  });
  return figure(
    "在线访谈",
    "答复网民提问数量",
    "条",
    value,
    `上述访谈中嘉宾作答（未撤回）的网民提问数，一个提问由多位嘉宾回答只计一次`,
  );
}

// ───────────── yes/no questions ─────────────

export function unifiedPlatform(): AnnualFigure<boolean> {
  return figure(
    null,
    "是否使用统一平台",
    "",
    true,
    `本站的留言办理、征集调查、在线访谈和智能问答都在本平台统一的互动交流平台上运行`,
  );
}

export async function providesSmartQa(db: Db, { siteId, year }: AnnualFigureQuery) {
  const { from, to } = yearBounds(year);
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    select count(*) as n
      from "Placement" pl
      join "Column" c on c.id = pl."columnId"
      join "Resource" r on r.id = pl."resourceId"
     where c."siteId" = ${siteId}::uuid and r.kind = 'QA' and r."trashedAt" is null
       and exists (select 1 from "Publication" p
                    where p."resourceId" = r.id and p."publishedAt" < ${to}
                      and (p."withdrawnAt" is null or p."withdrawnAt" >= ${from}))`;
  return figure(
    null,
    "是否提供智能问答",
    "",
    count(rows) > 0,
    `本站的智能问答（问答框与 /api/qa）当年有可用的答问库条目：当年有发布在本站栏目的答问即为“是”`,
  );
}

/** Every figure of the 互动交流 group for one site and one year (China time). */
export async function interactionAnnualFigures(db: Db, query: AnnualFigureQuery): Promise<InteractionAnnualFigures> {
  return {
    siteId: query.siteId,
    year: query.year,
    unifiedPlatform: unifiedPlatform(),
    lettersReceived: await countLettersReceived(db, query),
    lettersClosed: await countLettersClosed(db, query),
    letterAverageDays: await averageLetterDays(db, query),
    publicReplies: await countPublicReplies(db, query),
    consultations: await countConsultations(db, query),
    opinions: await countOpinions(db, query),
    consultationResults: await countConsultationResults(db, query),
    interviews: await countInterviewSessions(db, query),
    interviewQuestions: await countInterviewQuestions(db, query),
    interviewAnswers: await countInterviewAnswers(db, query),
    smartQa: await providesSmartQa(db, query),
  };
}
