import type { Db, Tx } from "@/lib/db/client";
import { bodyText, type RichText } from "@/lib/library/content";
import { ZStoredRevisionMetadata } from "@/lib/library/metadata";
import { isGovernmentTarget } from "@/lib/validation/url";
import { chinaToday, chinaYear } from "@/lib/time/china";
import { firstPublishedAt } from "@/lib/publish/publication-times";
import { kindSearchText, kindSummary } from "@/lib/library/kinds";

// What the search index holds (DESIGN invariant 1: derived from a publication, nothing of its
// own): one document per library item that is live (its current publication, neither withdrawn
// nor superseded) and placed on at least one site, and one per service entry (办事入口: a link
// column of a site). Both engines index exactly these documents.

export type SearchDoc = {
  id: string;
  publicationId: string | null;
  type: "CONTENT" | "SERVICE";
  kind: string | null;
  title: string;
  summary: string;
  body: string;
  url: string;
  unitId: string | null;
  unitName: string;
  year: number | null;
  validity: string | null;
  themeCode: string | null;
  genre: string | null;
  docNumber: string | null;
  siteIds: string[];
  columnIds: string[];
  publishedAt: Date;
  /** A 答问's 有效期, YYYY-MM-DD (China calendar days, inclusive); null: open-ended or not a 答问. */
  validFrom: string | null;
  validTo: string | null;
};

export const contentDocId = (resourceId: string) => `res-${resourceId}`;
export const serviceDocId = (columnId: string) => `svc-${columnId}`;
export const resourceIdOf = (docId: string) => (docId.startsWith("res-") ? docId.slice(4) : null);

/** 文号 with any bracket pair around the year written as 〔〕, as GB/T 9704 has it. */
export function normalizeDocNumber(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[[［【(（〔]\s*(\d{4})\s*[\]］】)）〕]/g, "〔$1〕");
}

/** Year in China Standard Time (publication times are stored in UTC). */
export function yearOf(date: Date): number {
  return chinaYear(date);
}

const publicationSelect = {
  id: true,
  resourceId: true,
  publishedAt: true,
  firstPublishedAt: true,
  revision: { select: { title: true, body: true, metadata: true } },
  resource: {
    select: {
      kind: true,
      validity: true,
      themeCode: true,
      genre: true,
      ownerOrg: { select: { id: true, name: true } },
      placements: { select: { columnId: true, column: { select: { siteId: true } } } },
    },
  },
} as const;

type PublicationRow = {
  id: string;
  resourceId: string;
  publishedAt: Date;
  firstPublishedAt: Date | null;
  revision: { title: string; body: unknown; metadata: unknown };
  resource: {
    kind: string;
    validity: string | null;
    themeCode: string | null;
    genre: string | null;
    ownerOrg: { id: string; name: string };
    placements: { columnId: string; column: { siteId: string } }[];
  };
};

/**
 * The document of a live publication, or null when it has none: not placed on any site, or a 答问
 * whose 有效期 ended before `today` (China time; the daily sweep re-syncs entries as they expire).
 */
export function contentDocument(row: PublicationRow, today = chinaToday()): SearchDoc | null {
  if (row.resource.placements.length === 0) return null;
  const metadata = ZStoredRevisionMetadata.safeParse(row.revision.metadata);
  const data = metadata.success ? metadata.data : null;
  const qa = row.resource.kind === "QA" ? data?.qa : undefined;
  if (qa?.validTo && qa.validTo < today) return null;
  const docNumber = data?.policy?.docNumber ?? null;
  return {
    id: contentDocId(row.resourceId),
    publicationId: row.id,
    type: "CONTENT",
    kind: row.resource.kind,
    title: row.revision.title,
    summary: (data && kindSummary(data)) ?? "",
    // 引题 and 副标题 are searched with the body: people remember them as part of the article; so are
    // a leader's name, post and 分工 and a unit's particulars (机构职能).
    body: [
      data?.leadTitle,
      data?.subtitle,
      ...(data ? kindSearchText(data) : []),
      bodyText(row.revision.body as RichText),
    ]
      .filter(Boolean)
      .join("\n"),
    url: `/content/${row.resourceId}`,
    unitId: row.resource.ownerOrg.id,
    unitName: data?.policy?.issuer ?? row.resource.ownerOrg.name,
    year: yearOf(firstPublishedAt(row)),
    validity: row.resource.validity,
    themeCode: row.resource.themeCode ?? data?.themeCode ?? null,
    genre: row.resource.genre ?? data?.policy?.genre ?? null,
    docNumber: docNumber ? normalizeDocNumber(docNumber) : null,
    siteIds: [...new Set(row.resource.placements.map((placement) => placement.column.siteId))],
    columnIds: row.resource.placements.map((placement) => placement.columnId),
    publishedAt: firstPublishedAt(row),
    validFrom: qa?.validFrom ?? null,
    validTo: qa?.validTo ?? null,
  };
}

/** The documents of contentDocuments' answer that are present, and the ids of those absent. */
export function splitPresence(docs: Map<string, SearchDoc | null>): { present: SearchDoc[]; absent: string[] } {
  const present: SearchDoc[] = [];
  const absent: string[] = [];
  for (const [id, doc] of docs) {
    if (doc) present.push(doc);
    else absent.push(id);
  }
  return { present, absent };
}

/** The documents of these library items now: present for live placed items, absent otherwise. */
export async function contentDocuments(db: Db | Tx, resourceIds: string[]): Promise<Map<string, SearchDoc | null>> {
  const rows = await db.publication.findMany({
    where: { resourceId: { in: resourceIds }, withdrawnAt: null, supersededAt: null },
    orderBy: { publishedAt: "desc" },
    select: publicationSelect,
  });
  const documents = new Map<string, SearchDoc | null>(resourceIds.map((id) => [contentDocId(id), null]));
  for (const row of rows) {
    const id = contentDocId(row.resourceId);
    if (!documents.get(id)) documents.set(id, contentDocument(row as PublicationRow));
  }
  return documents;
}

/** Every live item, in pages of `batch` (for a rebuild), oldest publication first: rows written in this order keep a time window together in the table, which the window search depends on (lib/search/postgres/). */
export async function* allContentDocuments(db: Db, batch = 500): AsyncGenerator<SearchDoc[]> {
  let after: { publishedAt: Date; id: string } | undefined;
  for (;;) {
    const rows = await db.publication.findMany({
      where: {
        withdrawnAt: null,
        supersededAt: null,
        // (publishedAt, id) after the last row; the plain bound starts the index scan there.
        ...(after
          ? {
              publishedAt: { gte: after.publishedAt },
              OR: [{ publishedAt: { gt: after.publishedAt } }, { id: { gt: after.id } }],
            }
          : {}),
      },
      orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
      take: batch,
      select: publicationSelect,
    });
    if (rows.length === 0) return;
    after = { publishedAt: rows.at(-1)!.publishedAt, id: rows.at(-1)!.id };
    yield rows.map((row) => contentDocument(row as PublicationRow)).filter((doc): doc is SearchDoc => doc !== null);
  }
}

/** Service entries (办事入口): every site's link columns, found by their names. */
export async function serviceDocuments(db: Db | Tx, siteId?: string): Promise<SearchDoc[]> {
  const columns = await db.column.findMany({
    where: { kind: "LINK", linkUrl: { not: null }, ...(siteId ? { siteId } : {}) },
    select: {
      id: true,
      name: true,
      slug: true,
      linkUrl: true,
      siteId: true,
      createdAt: true,
      site: { select: { name: true, orgId: true } },
    },
  });
  const platformHosts = columns.length
    ? (await db.siteHost.findMany({ select: { host: true } })).map((row) => row.host)
    : [];
  return columns.map((column) => ({
    id: serviceDocId(column.id),
    publicationId: null,
    type: "SERVICE",
    kind: "SERVICE",
    title: column.name,
    summary: "",
    body: `${column.name} ${column.site.name}办事服务`,
    // Entries outside government pass the column's own page, the leaving notice.
    url: isGovernmentTarget(column.linkUrl!, platformHosts) ? column.linkUrl! : `/columns/${column.slug}`,
    unitId: column.site.orgId,
    unitName: column.site.name,
    year: null,
    validity: null,
    themeCode: null,
    genre: null,
    docNumber: null,
    siteIds: [column.siteId],
    columnIds: [column.id],
    publishedAt: column.createdAt,
    validFrom: null,
    validTo: null,
  }));
}
