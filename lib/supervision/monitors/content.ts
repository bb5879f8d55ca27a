import type { Db } from "@/lib/db/client";
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

export async function measureContent(
  db: Db,
  site: { id: string },
  now: Date,
  thresholds: Thresholds,
  shared?: { context: ContentContext; pacer: Pacer },
): Promise<CheckResult[]> {
  const [{ lexicon, seriousList, platformHosts, slugs }, columns] = await Promise.all([
    shared?.context ?? loadContentContext(db),
    db.column.findMany({ where: { siteId: site.id }, select: { slug: true, name: true, kind: true, linkUrl: true } }),
  ]);
  const pacer = shared?.pacer ?? UNPACED;

  let seriousStatus: CheckStatus = "ok";
  let privacyStatus: CheckStatus = "ok";
  let seriousCount = 0;
  let privacyCount = 0;
  const seriousItems: ItemEvidence[] = [];
  const privacyItems: ItemEvidence[] = [];
  const internalLinks: { link: LinkRef; page: string; pageTitle: string }[] = [];
  const externalLinks: { url: string; page: string; pageTitle: string }[] = [];
  let scanned = 0;

  // The site's live publications in one read, then their texts a batch at a time (with a pause).
  const published = await db.$queryRaw<{ id: string }[]>`
    select p.id from "Publication" p join "Resource" r on r.id = p."resourceId"
     where p."withdrawnAt" is null and p."supersededAt" is null and p."publishedAt" <= ${now}
       and r."trashedAt" is null
       and exists (select 1 from "Placement" pl join "Column" c on c.id = pl."columnId"
                    where pl."resourceId" = r.id and c."siteId" = ${site.id}::uuid)
     order by p.id`;
  for (let from = 0; from < published.length; from += BATCH) {
    const batch = await db.publication.findMany({
      where: { id: { in: published.slice(from, from + BATCH).map((row) => row.id) } },
      orderBy: { id: "asc" },
      select: { id: true, resourceId: true, revision: { select: { title: true, body: true, metadata: true } } },
    });
    await pacer.rest();
    for (const publication of batch) {
      scanned += 1;
      const { title, body, metadata } = publication.revision;
      const { text, links } = revisionText(title, body as RichText, metadata);
      const page = `/content/${publication.resourceId}`;
      const serious: Hit[] = [];
      const privacy: Hit[] = [];
      for (const finding of runPrechecks(text, [], { lexicon })) {
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
      for (const error of findSeriousErrors(text, seriousList)) {
        seriousStatus = "fail";
        serious.push({
          kind: "serious_error",
          text: error.wrong,
          message: `严重表述错误：“${error.wrong}”应为“${error.right}”`,
        });
      }
      if (serious.length) {
        seriousCount += 1;
        if (seriousItems.length < EVIDENCE_CAP)
          seriousItems.push({ resourceId: publication.resourceId, title, page, hits: serious });
      }
      if (privacy.length) {
        privacyCount += 1;
        if (privacyItems.length < EVIDENCE_CAP)
          privacyItems.push({ resourceId: publication.resourceId, title, page, hits: privacy });
      }
      for (const link of links) sortLink(link, page, title);
    }
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
