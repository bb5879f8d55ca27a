import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { canonicalJson } from "@/lib/json/canonical";
import { chinaToday } from "@/lib/time/china";
import { getEnv } from "@/lib/env";
import type { RichText } from "@/lib/library/content";
import { loadLexicon, revisionText } from "@/lib/review/revision-checks";
import { PERSONAL_DATA_KINDS, runPrechecks, type LinkRef } from "@/lib/review/prechecks";
import {
  decidedResult,
  measuredResult,
  type CheckResult,
  type CheckStatus,
  type Thresholds,
} from "@/lib/supervision/checks";
import { findSeriousErrors, loadSeriousErrors } from "@/lib/supervision/serious-errors";
import { checkExternalLinks } from "@/lib/supervision/monitors/external-links";
import { UNPACED, type Pacer } from "@/lib/supervision/pacing";

// The daily scan of everything a site publishes (安全、泄密事故等严重问题; 链接可用性): the review's own
// pre-check detectors (lexicon of sensitive words, secrecy markers, personal data, links) over the
// text of every live publication placed on the site, plus the supervising unit's list of serious
// errors. Links are checked in the content and in the site's link columns: internal ones always
// (against what is live), external ones only when outbound network is allowed (SUPERVISION_OUTBOUND).

const BATCH = 200;
/** Evidence keeps this many items per check; the count is always whole. */
const EVIDENCE_CAP = 50;

type Hit = { kind: string; text: string; message: string };
type ItemEvidence = { resourceId: string; title: string; page: string; hits: Hit[] };
type BrokenLink = { url: string; page: string; pageTitle: string; reason: string };

function hitStatus(
  kind: string,
  level: "block" | "warn",
  text: string,
): { serious: CheckStatus; privacy: CheckStatus } {
  const none = { serious: "ok" as const, privacy: "ok" as const };
  if (kind === "sensitive_word") return { ...none, serious: level === "block" ? "fail" : "warn" };
  // A classification marking (秘密★, 机密★…) on a published page is 泄露国家秘密; the bare words in prose
  // ("涉密信息不上网") passed review and are shown for a person to look at, not a veto.
  if (kind === "secrecy_marker") return { ...none, serious: /★/.test(text) ? "fail" : "warn" };
  if ((PERSONAL_DATA_KINDS as readonly string[]).includes(kind))
    return { ...none, privacy: level === "block" ? "fail" : "warn" };
  return none;
}

const worse = (a: CheckStatus, b: CheckStatus): CheckStatus =>
  a === "fail" || b === "fail" ? "fail" : a === "warn" || b === "warn" ? "warn" : "ok";

/** What every site's scan reads alike, loaded once per run. */
export type ContentContext = {
  lexicon: Awaited<ReturnType<typeof loadLexicon>>;
  seriousList: Awaited<ReturnType<typeof loadSeriousErrors>>;
  platformHosts: string[];
  slugs: Set<string>;
};

export async function loadContentContext(db: Db): Promise<ContentContext> {
  const [lexicon, seriousList, hosts, slugs] = await Promise.all([
    loadLexicon(db),
    loadSeriousErrors(db),
    db.siteHost.findMany({ select: { host: true } }),
    db.column.findMany({ select: { slug: true }, distinct: ["slug"] }),
  ]);
  return {
    lexicon,
    seriousList,
    platformHosts: hosts.map((row) => row.host),
    slugs: new Set(slugs.map((row) => row.slug)),
  };
}

/** The scanner's own rules beyond the lexicon and the list (secrecy markers, personal data): bump to rescan all. */
export const SCANNER_VERSION = 1;
const DAY_MS = 86_400_000;
/** Items published up to this long before the mark are read again: a publication committed just after
 *  the last run's read, with a time from before it, is not missed. */
const SCAN_OVERLAP_MS = 10 * 60_000;

/** What the stored outcomes depend on besides the item itself: a change forces a full scan. Pure. */
export function scanRulesHash(context: Pick<ContentContext, "lexicon" | "seriousList">): string {
  return createHash("sha256")
    .update(canonicalJson({ version: SCANNER_VERSION, lexicon: context.lexicon, serious: context.seriousList }))
    .digest("hex");
}

export type ScanMark = { scannedAt: Date; fullAt: Date; rulesHash: string };
export type ScanMode = { full: boolean; reason: "first" | "rules" | "weekly" | "changes" };

/**
 * Whether this run reads every live item of the site (first scan, changed rules, the weekly full scan
 * on `fullScanDay` — China time — or a week since the last one) or only what changed since the mark. Pure.
 */
export function scanMode(mark: ScanMark | null, rulesHash: string, now: Date, fullScanDay: number): ScanMode {
  if (!mark) return { full: true, reason: "first" };
  if (mark.rulesHash !== rulesHash) return { full: true, reason: "rules" };
  const today = chinaToday(now);
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  if (weekday === fullScanDay && chinaToday(mark.fullAt) !== today) return { full: true, reason: "weekly" };
  if (now.getTime() - mark.fullAt.getTime() >= 7 * DAY_MS) return { full: true, reason: "weekly" };
  return { full: false, reason: "changes" };
}

/** What one content scan read (the bench and the tests count it; kept out of the stored evidence). */
export type ScanStats = { sites: number; fullSites: number; read: number };

type StoredItem = {
  publicationId: string;
  resourceId: string;
  title: string;
  seriousStatus: CheckStatus;
  privacyStatus: CheckStatus;
  serious: Hit[];
  privacy: Hit[];
  links: LinkRef[];
};

/** The pre-checks and the serious-error list over one item's text. Pure. */
function scanItem(
  publication: {
    id: string;
    resourceId: string;
    revision: { title: string; body: Prisma.JsonValue; metadata: Prisma.JsonValue };
  },
  context: Pick<ContentContext, "lexicon" | "seriousList">,
): StoredItem {
  const { title, body, metadata } = publication.revision;
  const { text, links } = revisionText(title, body as RichText, metadata);
  const serious: Hit[] = [];
  const privacy: Hit[] = [];
  let seriousStatus: CheckStatus = "ok";
  let privacyStatus: CheckStatus = "ok";
  for (const finding of runPrechecks(text, [], { lexicon: context.lexicon })) {
    const status = hitStatus(finding.kind, finding.level, finding.text);
    const hit = { kind: finding.kind, text: finding.text, message: finding.message };
    if (status.serious !== "ok") {
      seriousStatus = worse(seriousStatus, status.serious);
      serious.push(hit);
    }
    if (status.privacy !== "ok") {
      privacyStatus = worse(privacyStatus, status.privacy);
      privacy.push(hit);
    }
  }
  for (const error of findSeriousErrors(text, context.seriousList)) {
    seriousStatus = "fail";
    serious.push({
      kind: "serious_error",
      text: error.wrong,
      message: `严重表述错误：“${error.wrong}”应为“${error.right}”`,
    });
  }
  return {
    publicationId: publication.id,
    resourceId: publication.resourceId,
    title,
    seriousStatus,
    privacyStatus,
    serious,
    privacy,
    links,
  };
}

/**
 * The site's content scan (#28 "Speed": incremental). Reads the texts of the live items published,
 * corrected (a correction is a new publication), placed on the site or restored from the 回收站 since
 * the site's mark — all of
 * them on a full scan — and keeps what each item with a hit or a link gave; the site's results are
 * then drawn from the kept outcomes of every item still live there, so an item not read again keeps
 * its findings and a withdrawn one's are gone. Internal links are judged again at every run (their
 * target may have been withdrawn meanwhile).
 */
export async function measureContent(
  db: Db,
  site: { id: string },
  now: Date,
  thresholds: Thresholds,
  shared?: { context: ContentContext; pacer: Pacer; stats?: ScanStats; fullScan?: boolean },
): Promise<CheckResult[]> {
  const [context, columns, mark] = await Promise.all([
    shared?.context ?? loadContentContext(db),
    db.column.findMany({ where: { siteId: site.id }, select: { slug: true, name: true, kind: true, linkUrl: true } }),
    db.contentScanMark.findUnique({ where: { siteId: site.id } }),
  ]);
  const { platformHosts, slugs } = context;
  const pacer = shared?.pacer ?? UNPACED;
  const rulesHash = scanRulesHash(context);
  const mode = shared?.fullScan
    ? ({ full: true, reason: "rules" } as const)
    : scanMode(mark, rulesHash, now, getEnv().SUPERVISION_FULL_SCAN_DAY);
  const since = mode.full ? null : new Date(mark!.scannedAt.getTime() - SCAN_OVERLAP_MS);

  // The items to read: every live one on a full scan, else those new to the site since the mark.
  // Driven from the site's own columns (an index walk per column, not a probe per item of the platform).
  const toRead = await db.$queryRaw<{ id: string }[]>`
    select distinct p.id from "Column" c
      join "Placement" pl on pl."columnId" = c.id
      join "Resource" r on r.id = pl."resourceId"
      join "Publication" p on p."resourceId" = r.id
     where c."siteId" = ${site.id}::uuid
       and p."withdrawnAt" is null and p."supersededAt" is null and p."publishedAt" <= ${now}
       and r."trashedAt" is null
       and (${since}::timestamp is null or p."publishedAt" > ${since}::timestamp or pl."createdAt" > ${since}::timestamp
            or r."restoredAt" > ${since}::timestamp)
     order by p.id`;
  // A full scan starts afresh; its mark goes first, so a scan that fails half-way is full again next time.
  if (mode.full) {
    await db.contentScanMark.deleteMany({ where: { siteId: site.id } });
    await db.contentScanItem.deleteMany({ where: { siteId: site.id } });
  }
  for (let from = 0; from < toRead.length; from += BATCH) {
    const ids = toRead.slice(from, from + BATCH).map((row) => row.id);
    const batch = await db.publication.findMany({
      where: { id: { in: ids } },
      orderBy: { id: "asc" },
      select: { id: true, resourceId: true, revision: { select: { title: true, body: true, metadata: true } } },
    });
    const kept = batch
      .map((publication) => scanItem(publication, context))
      .filter((item) => item.serious.length || item.privacy.length || item.links.length);
    if (!mode.full) await db.contentScanItem.deleteMany({ where: { siteId: site.id, publicationId: { in: ids } } });
    if (kept.length)
      await db.contentScanItem.createMany({
        data: kept.map((item) => ({
          siteId: site.id,
          publicationId: item.publicationId,
          resourceId: item.resourceId,
          title: item.title,
          seriousStatus: item.seriousStatus,
          privacyStatus: item.privacyStatus,
          serious: item.serious as Prisma.InputJsonValue,
          privacy: item.privacy as Prisma.InputJsonValue,
          links: item.links as unknown as Prisma.InputJsonValue,
          scannedAt: now,
        })),
      });
    await pacer.rest();
  }
  // Outcomes of items no longer live on the site (withdrawn, corrected, trashed, taken off) go.
  await db.$executeRaw`
    delete from "ContentScanItem" s
     where s."siteId" = ${site.id}::uuid
       and not exists (
         select 1 from "Publication" p join "Resource" r on r.id = p."resourceId"
          where p.id = s."publicationId" and p."withdrawnAt" is null and p."supersededAt" is null
            and p."publishedAt" <= ${now} and r."trashedAt" is null
            and exists (select 1 from "Placement" pl join "Column" c on c.id = pl."columnId"
                         where pl."resourceId" = r.id and c."siteId" = ${site.id}::uuid))`;
  const [stored, [liveCount]] = await Promise.all([
    db.contentScanItem.findMany({ where: { siteId: site.id }, orderBy: { publicationId: "asc" } }),
    db.$queryRaw<{ n: number }[]>`
      select count(distinct p.id)::int as n from "Column" c
        join "Placement" pl on pl."columnId" = c.id
        join "Resource" r on r.id = pl."resourceId"
        join "Publication" p on p."resourceId" = r.id
       where c."siteId" = ${site.id}::uuid
         and p."withdrawnAt" is null and p."supersededAt" is null and p."publishedAt" <= ${now}
         and r."trashedAt" is null`,
  ]);
  await db.contentScanMark.upsert({
    where: { siteId: site.id },
    create: { siteId: site.id, scannedAt: now, fullAt: now, rulesHash },
    update: { scannedAt: now, rulesHash, ...(mode.full ? { fullAt: now } : {}) },
  });
  if (shared?.stats) {
    shared.stats.sites += 1;
    shared.stats.fullSites += mode.full ? 1 : 0;
    shared.stats.read += toRead.length;
  }

  let seriousStatus: CheckStatus = "ok";
  let privacyStatus: CheckStatus = "ok";
  let seriousCount = 0;
  let privacyCount = 0;
  const seriousItems: ItemEvidence[] = [];
  const privacyItems: ItemEvidence[] = [];
  const internalLinks: { link: LinkRef; page: string; pageTitle: string }[] = [];
  const externalLinks: { url: string; page: string; pageTitle: string }[] = [];
  const scanned = liveCount?.n ?? 0;
  for (const item of stored) {
    const page = `/content/${item.resourceId}`;
    const serious = item.serious as Hit[];
    const privacy = item.privacy as Hit[];
    if (serious.length) {
      seriousStatus = worse(seriousStatus, item.seriousStatus as CheckStatus);
      seriousCount += 1;
      if (seriousItems.length < EVIDENCE_CAP)
        seriousItems.push({ resourceId: item.resourceId, title: item.title, page, hits: serious });
    }
    if (privacy.length) {
      privacyStatus = worse(privacyStatus, item.privacyStatus as CheckStatus);
      privacyCount += 1;
      if (privacyItems.length < EVIDENCE_CAP)
        privacyItems.push({ resourceId: item.resourceId, title: item.title, page, hits: privacy });
    }
    for (const link of item.links as LinkRef[]) sortLink(link, page, item.title);
  }
  for (const column of columns) {
    if (column.kind === "LINK" && column.linkUrl)
      sortLink({ href: column.linkUrl, start: 0, end: 0, text: column.name }, `/columns/${column.slug}`, column.name);
  }

  function sortLink(link: LinkRef, page: string, pageTitle: string) {
    let url: URL | null = null;
    try {
      url = new URL(link.href, "http://platform.invalid");
    } catch {
      url = null;
    }
    if (url && (url.protocol === "mailto:" || url.protocol === "tel:")) return;
    if (!url || url.hostname === "platform.invalid" || platformHosts.includes(url.hostname))
      internalLinks.push({ link, page, pageTitle });
    else externalLinks.push({ url: url.href, page, pageTitle });
  }

  // Internal links: a live publication's page, an existing column, an asset, the home page.
  const contentIds = new Set<string>();
  for (const { link } of internalLinks) {
    const match = /\/content\/([0-9a-f-]{36})/.exec(link.href);
    if (match) contentIds.add(match[1]!);
  }
  const live = new Set(
    contentIds.size
      ? (
          await db.publication.findMany({
            where: {
              resourceId: { in: [...contentIds] },
              withdrawnAt: null,
              supersededAt: null,
              publishedAt: { lte: now },
            },
            select: { resourceId: true },
          })
        ).map((row) => row.resourceId)
      : [],
  );
  const broken: BrokenLink[] = [];
  for (const { link, page, pageTitle } of internalLinks) {
    let path: string | null = null;
    try {
      path = new URL(link.href, "http://platform.invalid").pathname;
    } catch {
      path = null;
    }
    const ok =
      path !== null &&
      (path === "/" ||
        path.startsWith("/api/assets/") ||
        path.startsWith("/interaction") ||
        path.startsWith("/search") ||
        (/^\/content\/([0-9a-f-]{36})\/?$/.test(path) && live.has(/^\/content\/([0-9a-f-]{36})/.exec(path)![1]!)) ||
        (/^\/columns\/([\w-]+)\/?$/.test(path) && slugs.has(/^\/columns\/([\w-]+)/.exec(path)![1]!)));
    if (!ok)
      broken.push({
        url: link.href,
        page,
        pageTitle,
        reason: path === null ? "链接地址无效" : "站内链接未指向已发布的内容",
      });
  }
  const outbound = getEnv().SUPERVISION_OUTBOUND;
  if (outbound) broken.push(...(await checkExternalLinks(externalLinks)));

  const linkResult = measuredResult("site.links", thresholds, broken.length, {
    broken: broken.slice(0, EVIDENCE_CAP),
    internalChecked: internalLinks.length,
    external: externalLinks.length,
    externalChecked: outbound,
  });
  return [
    decidedResult("site.content-serious", seriousStatus, { scanned, items: seriousItems }, seriousCount),
    decidedResult("site.content-privacy", privacyStatus, { scanned, items: privacyItems }, privacyCount),
    linkResult,
  ];
}
