import { z } from "zod";
import { zIsoDay, zText } from "@/lib/validation/text";
import { getDb } from "@/lib/db/client";
import { getOrgTree } from "@/lib/org/tree";
import type { Prisma } from "@/lib/db/generated/client";
import { ResourceKind, ResourceState } from "@/lib/db/generated/enums";
import { assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { unauthenticated } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { chinaDayEnd, chinaDayStart } from "@/lib/time/china";

// The editors' library browser: filters (column and author among them), a total count, and keyset
// pagination over (updatedAt, id) so that page 5,000 costs what page 1 costs, at a million
// resources. Only resources of units the actor may see are ever read.

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);
const isoDay = zIsoDay();

export const LIBRARY_REVIEW_VIEWS = ["RETURNED", "SCHEDULED"] as const;

export const ZLibraryFilter = z.object({
  kind: z.preprocess(emptyToUndefined, z.enum(ResourceKind).optional()),
  state: z.preprocess(emptyToUndefined, z.enum(ResourceState).optional()),
  orgId: z.preprocess(emptyToUndefined, z.uuid().optional()),
  columnId: z.preprocess(emptyToUndefined, z.uuid("栏目无效").optional()),
  themeCode: z.preprocess(emptyToUndefined, zText().max(16).optional()),
  genre: z.preprocess(emptyToUndefined, zText().max(16).optional()),
  from: z.preprocess(emptyToUndefined, isoDay.optional()),
  to: z.preprocess(emptyToUndefined, isoDay.optional()),
  q: z.preprocess(emptyToUndefined, zText().trim().max(100).optional()),
  /** Created by this person (我的草稿). */
  authorId: z.preprocess(emptyToUndefined, z.uuid("作者无效").optional()),
  /** Where the item stands in review and publishing: 被退回 (the latest review returned it), 定时发布 (a pending schedule). */
  review: z.preprocess(emptyToUndefined, z.enum(LIBRARY_REVIEW_VIEWS, { message: "审核状态无效" }).optional()),
  sort: z.preprocess(emptyToUndefined, z.enum(["newest", "oldest"]).default("newest")),
  cursor: z.preprocess(emptyToUndefined, zText().max(200).optional()),
});
export type TLibraryFilter = z.infer<typeof ZLibraryFilter>;

export const PAGE_SIZE = 20;
/** The total is counted exactly up to this many; beyond it the list says "more than". */
export const COUNT_CAP = 1_000;

type Cursor = { updatedAt: Date; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.updatedAt.toISOString()}|${cursor.id}`).toString("base64url");
}

export function decodeCursor(value: string): Cursor | null {
  const [at, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (!at || !id || !z.uuid().safeParse(id).success || Number.isNaN(Date.parse(at))) return null;
  return { updatedAt: new Date(at), id };
}

/** Units whose resources the actor may see. */
export async function visibleOrgIds(actor: Principal): Promise<string[]> {
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  return tree.all.filter((org) => can("resource.view", { orgId: org.id })).map((org) => org.id);
}

/**
 * Items of these units whose latest review was returned (退回修改) and not yet submitted again.
 * "Latest" needs a comparison between rows, which a Prisma filter cannot say.
 */
async function returnedResourceIds(orgIds: string[]): Promise<string[]> {
  if (orgIds.length === 0) return [];
  const rows = await getDb().$queryRaw<{ id: string }[]>`
    select ri."resourceId" as id from "ReviewInstance" ri join "Resource" r on r.id = ri."resourceId"
    where ri.status = 'RETURNED' and r.state = 'DRAFT' and r."ownerOrgId" = any(${orgIds}::uuid[])
      and not exists (select 1 from "ReviewInstance" later
                      where later."resourceId" = ri."resourceId" and later."submittedAt" > ri."submittedAt")`;
  return rows.map((row) => row.id);
}

export function buildLibraryWhere(
  filter: TLibraryFilter,
  orgIds: string[],
  returnedIds: string[] = [],
): Prisma.ResourceWhereInput {
  const and: Prisma.ResourceWhereInput[] = [
    { ownerOrgId: { in: filter.orgId ? orgIds.filter((id) => id === filter.orgId) : orgIds } },
    // Items in the 回收站 (lib/library/trash.ts) are listed only there.
    { trashedAt: null },
  ];
  if (filter.columnId) and.push({ placements: { some: { columnId: filter.columnId } } });
  if (filter.authorId) and.push({ createdById: filter.authorId });
  if (filter.review === "RETURNED") and.push({ id: { in: returnedIds } });
  if (filter.review === "SCHEDULED")
    and.push({ reviewInstances: { some: { schedules: { some: { status: "PENDING" } } } } });
  if (filter.kind) and.push({ kind: filter.kind });
  if (filter.state) and.push({ state: filter.state });
  if (filter.themeCode) and.push({ themeCode: { startsWith: filter.themeCode } });
  if (filter.genre) and.push({ genre: filter.genre });
  if (filter.from) and.push({ updatedAt: { gte: chinaDayStart(filter.from) } });
  if (filter.to) and.push({ updatedAt: { lt: chinaDayEnd(filter.to) } });
  if (filter.q) and.push({ title: { contains: filter.q, mode: "insensitive" } });
  return { AND: and };
}

/** The filter of a library request and the `where` that applies it within the actor's units. */
async function libraryQuery(actor: Principal | null, input: unknown) {
  if (!actor) throw unauthenticated();
  assertHoldsRoleFor(actor, "resource.view");
  const filter = parseInput(ZLibraryFilter, input, "筛选条件有误。");
  const orgIds = await visibleOrgIds(actor);
  const returned = filter.review === "RETURNED" ? await returnedResourceIds(orgIds) : [];
  return { filter, where: buildLibraryWhere(filter, orgIds, returned) };
}

/** How many items the library list shows for this filter (all pages): the dashboard's counts. */
export async function countLibrary(actor: Principal | null, input: unknown): Promise<number> {
  const { where } = await libraryQuery(actor, input);
  return getDb().resource.count({ where });
}

/**
 * The library's counts per unit and state, for every unit the actor may see: each equals
 * countLibrary with that unit (orgId) and state, which is the filter the dashboard links to.
 */
export async function countLibraryByUnitAndState(actor: Principal | null) {
  if (!actor) throw unauthenticated();
  assertHoldsRoleFor(actor, "resource.view");
  const where = buildLibraryWhere(ZLibraryFilter.parse({}), await visibleOrgIds(actor));
  const rows = await getDb().resource.groupBy({ by: ["ownerOrgId", "state"], where, _count: { _all: true } });
  return rows.map((row) => ({ orgId: row.ownerOrgId, state: row.state, count: row._count._all }));
}

export async function listLibrary(actor: Principal | null, input: unknown) {
  const { filter, where } = await libraryQuery(actor, input);
  const cursor = filter.cursor ? decodeCursor(filter.cursor) : null;
  const direction = filter.sort === "newest" ? "desc" : "asc";
  // (updatedAt, id) after the cursor. The plain bound on updatedAt lets PostgreSQL start the
  // index scan at the cursor instead of filtering from the top (a row comparison in effect).
  const after: Prisma.ResourceWhereInput | null = cursor
    ? direction === "desc"
      ? {
          updatedAt: { lte: cursor.updatedAt },
          OR: [{ updatedAt: { lt: cursor.updatedAt } }, { id: { lt: cursor.id } }],
        }
      : {
          updatedAt: { gte: cursor.updatedAt },
          OR: [{ updatedAt: { gt: cursor.updatedAt } }, { id: { gt: cursor.id } }],
        }
    : null;
  const db = getDb();
  // The total stops at COUNT_CAP + 1, so a platform-wide count costs what a page of it costs.
  const total = db.resource.count({ where, take: COUNT_CAP + 1 });
  const rows = await db.resource.findMany({
    where: after ? { AND: [where, after] } : where,
    orderBy: [{ updatedAt: direction }, { id: direction }],
    take: PAGE_SIZE + 1,
    select: {
      id: true,
      kind: true,
      state: true,
      title: true,
      version: true,
      genre: true,
      themeCode: true,
      validity: true,
      indexNumber: true,
      updatedAt: true,
      ownerOrg: { select: { name: true } },
      createdBy: { select: { displayName: true } },
    },
  });
  const page = rows.slice(0, PAGE_SIZE);
  const last = page[page.length - 1];
  const counted = await total;
  return {
    filter,
    total: Math.min(counted, COUNT_CAP),
    totalCapped: counted > COUNT_CAP,
    items: page.map(({ ownerOrg, createdBy, ...row }) => ({
      ...row,
      ownerName: ownerOrg.name,
      authorName: createdBy.displayName,
    })),
    nextCursor: rows.length > PAGE_SIZE && last ? encodeCursor(last) : null,
  };
}
