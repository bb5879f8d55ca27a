import { z } from "zod";
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters, zText } from "@/lib/validation/text";
import { invalid } from "@/lib/errors";
import { Prisma, type PolicyValidity, type RelationKind } from "@/lib/db/generated/client";
import { getDb } from "@/lib/db/client";
import { cacheTag, tagPage } from "@/lib/cache/render-scope";
import { listSiteItems, type PortalItem } from "@/lib/sites/portal";

// Policy documents on the portal: the links between a document and its interpretations, revisions
// and repeals (shown both ways, 国办发〔2017〕47号), and the policy library with its filters.

export type RelatedLink = {
  resourceId: string;
  title: string;
  docNumber: string | null;
  kind: RelationKind;
  direction: "from" | "to";
};

/**
 * Items related to `resourceId` that are live on this site, in both directions: for a policy its
 * interpretations and the documents revising or repealing it; for an interpretation the policies
 * it interprets.
 */
export async function listRelatedOnSite(siteId: string, resourceId: string): Promise<RelatedLink[]> {
  const relations = await getDb().resourceRelation.findMany({
    where: { OR: [{ fromId: resourceId }, { toId: resourceId }] },
    select: { fromId: true, toId: true, kind: true },
  });
  if (relations.length === 0) return [];
  const otherIds = relations.map((relation) => (relation.fromId === resourceId ? relation.toId : relation.fromId));
  // Tagged before the lookup: a related item published here later must appear on this page.
  tagPage(...otherIds.map(cacheTag.resource));
  const { items } = await listSiteItems(siteId, { take: otherIds.length, onlyResourceIds: otherIds });
  const byId = new Map(items.map((item) => [item.resourceId, item]));
  return relations.flatMap((relation) => {
    const direction = relation.fromId === resourceId ? "from" : "to";
    const item = byId.get(direction === "from" ? relation.toId : relation.fromId);
    return item
      ? [{ resourceId: item.resourceId, title: item.title, docNumber: item.docNumber, kind: relation.kind, direction }]
      : [];
  });
}

const emptyAsUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const ZPolicyFilters = z.object({
  issuer: z.preprocess(emptyAsUndefined, zText().max(60).optional()).catch(undefined),
  year: z
    .preprocess(
      emptyAsUndefined,
      zText()
        .regex(/^\d{4}$/)
        .optional(),
    )
    .catch(undefined),
  theme: z
    .preprocess(
      emptyAsUndefined,
      zText()
        .regex(/^\d{2,8}$/)
        .optional(),
    )
    .catch(undefined),
  validity: z
    .preprocess(emptyAsUndefined, z.enum(["VALID", "REVISED", "REPEALED", "EXPIRED"]).optional())
    .catch(undefined),
  /** 文号 search: any part of it, e.g. 渝府办发 or 2019 or 64号. */
  docNumber: z.preprocess(emptyAsUndefined, zText().trim().max(40).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type PolicyFilters = z.infer<typeof ZPolicyFilters>;

/**
 * A visitor's filters: a value the library cannot offer (a year, a theme) is dropped, but text
 * with control characters is refused (PostgreSQL cannot compare a NUL).
 */
export function parsePolicyFilters(input: Record<string, unknown>): PolicyFilters {
  if (Object.values(input).some((value) => typeof value === "string" && hasControlCharacters(value)))
    throw invalid(CONTROL_CHARACTER_MESSAGE);
  return ZPolicyFilters.parse(input);
}

type Facet = { value: string; label: string; count: number };

/**
 * The date the library shows for a document and orders it by: its 成文日期, or, for one without,
 * the day it was published (China time). One expression for both, so the order is the one shown.
 */
const LIST_DATE = Prisma.sql`coalesce(left(rev.metadata->'policy'->>'writtenOn', 10),
  to_char((p."publishedAt" at time zone 'UTC') at time zone 'Asia/Shanghai', 'YYYY-MM-DD'))`;

export type PolicyListDate = { value: string; kind: "written" | "published" };

/** Live policy documents placed in `columnIds`, filtered; with the facet values to filter by. */
export async function listPolicyLibrary(siteId: string, columnIds: string[], filters: PolicyFilters, pageSize = 20) {
  tagPage(...columnIds.map(cacheTag.column));
  const db = getDb();
  const conditions = [
    Prisma.sql`p."withdrawnAt" is null and p."supersededAt" is null and res.kind = 'POLICY'`,
    Prisma.sql`exists (select 1 from "Placement" pl where pl."resourceId" = p."resourceId" and pl."columnId" = any(${columnIds}::uuid[]))`,
  ];
  const filterSql = [
    filters.issuer ? Prisma.sql`rev.metadata->'policy'->>'issuer' = ${filters.issuer}` : null,
    filters.year ? Prisma.sql`left(rev.metadata->'policy'->>'writtenOn', 4) = ${filters.year}` : null,
    filters.theme ? Prisma.sql`res."themeCode" like ${`${filters.theme}%`}` : null,
    filters.validity ? Prisma.sql`res.validity = ${filters.validity}::"PolicyValidity"` : null,
    filters.docNumber
      ? Prisma.sql`rev.metadata->'policy'->>'docNumber' ilike ${`%${filters.docNumber.replace(/[\\%_]/g, "\\$&")}%`}`
      : null,
  ].filter((part): part is Prisma.Sql => part !== null);
  const from = Prisma.sql`from "Publication" p join "Revision" rev on rev.id = p."revisionId" join "Resource" res on res.id = p."resourceId"`;
  const base = Prisma.join(conditions, " and ");
  const filtered = Prisma.join([...conditions, ...filterSql], " and ");
  const [ids, totals, issuers, years, themes, validities] = await Promise.all([
    db.$queryRaw<{ resourceId: string; listDate: string; written: boolean }[]>`select p."resourceId",
        ${LIST_DATE} as "listDate", rev.metadata->'policy'->>'writtenOn' is not null as written ${from} where ${filtered}
      order by ${LIST_DATE} desc, p."publishedAt" desc, p.id
      limit ${pageSize} offset ${(filters.page - 1) * pageSize}`,
    db.$queryRaw<{ total: number }[]>`select count(*)::int as total ${from} where ${filtered}`,
    db.$queryRaw<
      { value: string; count: number }[]
    >`select rev.metadata->'policy'->>'issuer' as value, count(*)::int as count ${from} where ${base} group by 1 order by 2 desc, 1`,
    db.$queryRaw<
      { value: string; count: number }[]
    >`select left(rev.metadata->'policy'->>'writtenOn', 4) as value, count(*)::int as count ${from} where ${base} and rev.metadata->'policy'->>'writtenOn' is not null group by 1 order by 1 desc`,
    db.$queryRaw<
      { value: string; label: string; count: number }[]
    >`select res."themeCode" as value, coalesce(t.name, res."themeCode") as label, count(*)::int as count ${from} left join "ThemeCategory" t on t.code = res."themeCode" where ${base} and res."themeCode" is not null group by 1, 2 order by 1`,
    db.$queryRaw<
      { value: PolicyValidity; count: number }[]
    >`select res.validity as value, count(*)::int as count ${from} where ${base} and res.validity is not null group by 1 order by 1`,
  ]);
  const total = totals[0]?.total ?? 0;
  const order = ids.map((row) => row.resourceId);
  const dateOf = new Map(
    ids.map((row): [string, PolicyListDate] => [
      row.resourceId,
      { value: row.listDate, kind: row.written ? "written" : "published" },
    ]),
  );
  const { items } = order.length
    ? await listSiteItems(siteId, { take: order.length, onlyResourceIds: order, columnIds })
    : { items: [] as PortalItem[] };
  const validity = await db.resource.findMany({ where: { id: { in: order } }, select: { id: true, validity: true } });
  const validityOf = new Map(validity.map((row) => [row.id, row.validity]));
  const sorted = order.flatMap((id) =>
    items
      .filter((item) => item.resourceId === id)
      .map((item) => ({ ...item, validity: validityOf.get(id) ?? null, listDate: dateOf.get(id) })),
  );
  const plain = (rows: { value: string; count: number }[]): Facet[] =>
    rows.filter((row) => row.value).map((row) => ({ value: row.value, label: row.value, count: row.count }));
  return {
    items: sorted,
    total,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    facets: {
      issuer: plain(issuers),
      year: plain(years),
      theme: themes.map((row) => ({ value: row.value, label: row.label, count: row.count })),
      validity: validities.map((row) => ({ value: row.value, label: row.value, count: row.count })),
    },
  };
}
