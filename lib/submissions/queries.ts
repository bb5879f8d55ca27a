import { z } from "zod";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { getOrgTree } from "@/lib/org/tree";
import { notFound, unauthenticated } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { zIsoDay } from "@/lib/validation/text";
import { chinaDayEnd, chinaDayStart } from "@/lib/time/china";
import { contentPath, primaryHost } from "@/lib/publish/portal-links";
import { SUBMISSION_STATES, allowedTransitions } from "@/lib/submissions/states";
import { canSeeSubmission, unitOf } from "@/lib/submissions/access";
import { findApprovedRevision } from "@/lib/submissions/submit";

// What each side reads: the submitting unit's 我的报送, the desk's 来稿 queue (filters by unit,
// state and date), one submission with its history, and where an item may be submitted.

const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const ZSubmissionFilters = z.object({
  state: z.preprocess(emptyToUndefined, z.enum(SUBMISSION_STATES, "状态不正确").optional()),
  siteId: z.preprocess(emptyToUndefined, z.uuid("网站不正确").optional()),
  fromOrgId: z.preprocess(emptyToUndefined, z.uuid("单位不正确").optional()),
  from: z.preprocess(emptyToUndefined, zIsoDay().optional()),
  to: z.preprocess(emptyToUndefined, zIsoDay().optional()),
});

const LIST_SELECT = {
  id: true,
  state: true,
  version: true,
  note: true,
  reason: true,
  columnIds: true,
  submittedAt: true,
  adoptedAt: true,
  returnedAt: true,
  withdrawnAt: true,
  publishedAt: true,
  adoptedResourceId: true,
  resourceId: true,
  revision: { select: { title: true, number: true } },
  resource: { select: { kind: true } },
  fromOrg: { select: { id: true, name: true } },
  submittedBy: { select: { displayName: true } },
  toSite: { select: { id: true, name: true, orgId: true } },
} as const satisfies Prisma.SubmissionSelect;

/** The units `actor` works in, counted as submitting units (a section's staff work for its unit). */
async function ownUnits(actor: Principal, action: "submission.view" | "submission.decide") {
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  const units = new Set<string>();
  for (const membership of actor.memberships) {
    if (!can(action, { orgId: membership.orgId })) continue;
    units.add(unitOf(tree, membership.orgId));
  }
  return [...units];
}

function dateWhere(from?: string, to?: string): Prisma.DateTimeFilter | undefined {
  if (!from && !to) return undefined;
  return { ...(from ? { gte: chinaDayStart(from) } : {}), ...(to ? { lte: chinaDayEnd(to) } : {}) };
}

async function withColumns<T extends { columnIds: string[]; toSite: { id: string } }>(rows: T[]) {
  const columnIds = [...new Set(rows.flatMap((row) => row.columnIds))];
  const columns = await getDb().column.findMany({
    where: { id: { in: columnIds } },
    select: { id: true, name: true, siteId: true },
  });
  const hosts = new Map<string, string | null>();
  for (const siteId of new Set(rows.map((row) => row.toSite.id))) hosts.set(siteId, await primaryHost(siteId));
  return rows.map((row) => ({
    ...row,
    columns: row.columnIds
      .map((id) => columns.find((column) => column.id === id))
      .filter((column) => column !== undefined)
      .map((column) => ({ id: column.id, name: column.name })),
    host: hosts.get(row.toSite.id) ?? null,
  }));
}

/** 我的报送: what the actor's own units submitted, newest first. */
export async function listMySubmissions(actor: Principal | null, input: unknown = {}) {
  if (!actor) throw unauthenticated();
  assertHoldsRoleFor(actor, "submission.view");
  const filters = parseInput(ZSubmissionFilters, input);
  const units = await ownUnits(actor, "submission.view");
  const rows = await getDb().submission.findMany({
    where: {
      fromOrgId: { in: units },
      ...(filters.state ? { state: filters.state } : {}),
      ...(filters.siteId ? { toSiteId: filters.siteId } : {}),
      ...(dateWhere(filters.from, filters.to) ? { submittedAt: dateWhere(filters.from, filters.to) } : {}),
    },
    orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
    take: 200,
    select: LIST_SELECT,
  });
  return { filters, rows: await withColumns(rows.map(withLiveLink)) };
}

/** 来稿: submissions to the sites of the actor's own units, pending first, then newest. */
export async function listDeskSubmissions(actor: Principal | null, input: unknown = {}) {
  if (!actor) throw unauthenticated();
  assertHoldsRoleFor(actor, "submission.decide");
  const filters = parseInput(ZSubmissionFilters, input);
  const units = await ownUnits(actor, "submission.decide");
  const can = await createPermissionChecker(actor);
  const sites = await getDb().site.findMany({
    where: { orgId: { in: units } },
    orderBy: { position: "asc" },
    select: { id: true, name: true, orgId: true, acceptsSubmissions: true },
  });
  const siteIds = sites.map((site) => site.id);
  const where: Prisma.SubmissionWhereInput = {
    toSiteId: filters.siteId && siteIds.includes(filters.siteId) ? filters.siteId : { in: siteIds },
    ...(filters.state ? { state: filters.state } : {}),
    ...(filters.fromOrgId ? { fromOrgId: filters.fromOrgId } : {}),
    ...(dateWhere(filters.from, filters.to) ? { submittedAt: dateWhere(filters.from, filters.to) } : {}),
  };
  const [rows, units_] = await Promise.all([
    getDb().submission.findMany({
      where,
      orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
      take: 200,
      select: LIST_SELECT,
    }),
    getDb().submission.findMany({
      where: { toSiteId: { in: siteIds } },
      distinct: ["fromOrgId"],
      select: { fromOrg: { select: { id: true, name: true } } },
    }),
  ]);
  const ordered = [...rows].sort((a, b) => Number(b.state === "SUBMITTED") - Number(a.state === "SUBMITTED"));
  return {
    filters,
    sites: sites.map((site) => ({ ...site, mayConfigure: can("site.manage", { orgId: site.orgId }) })),
    units: units_.map((row) => row.fromOrg),
    rows: await withColumns(ordered.map(withLiveLink)),
  };
}

function withLiveLink<T extends { resourceId: string; adoptedResourceId: string | null; publishedAt: Date | null }>(
  row: T,
) {
  const liveResourceId = row.publishedAt ? (row.adoptedResourceId ?? row.resourceId) : null;
  return { ...row, livePath: liveResourceId ? contentPath(liveResourceId) : null };
}

/** One submission with its history, for either side; what the viewer may do with it. */
export async function getSubmission(actor: Principal | null, submissionId: string) {
  if (!actor) throw unauthenticated();
  if (!z.uuid().safeParse(submissionId).success) throw notFound();
  const submission = await getDb().submission.findUnique({
    where: { id: submissionId },
    select: {
      ...LIST_SELECT,
      fromOrgId: true,
      revision: { select: { title: true, number: true, bodyHtml: true } },
      events: {
        orderBy: { id: "asc" },
        select: {
          id: true,
          kind: true,
          toState: true,
          note: true,
          columnIds: true,
          at: true,
          user: { select: { displayName: true } },
        },
      },
    },
  });
  if (!submission || !(await canSeeSubmission(actor, submission))) throw notFound();
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  const sideOf = (orgId: string, action: "submission.submit" | "submission.decide") =>
    can(action, { orgId }) ||
    actor.memberships.some(
      (membership) => unitOf(tree, membership.orgId) === orgId && can(action, { orgId: membership.orgId }),
    );
  const open = allowedTransitions(submission.state);
  const mayDecide = sideOf(submission.toSite.orgId, "submission.decide");
  const maySubmit = sideOf(submission.fromOrgId, "submission.submit");
  const [row] = await withColumns([withLiveLink(submission)]);
  const siteColumns = mayDecide
    ? await getDb().column.findMany({
        where: { siteId: submission.toSite.id, kind: { notIn: ["LINK", "SEARCH", "INTERACTION"] } },
        orderBy: [{ position: "asc" }, { name: "asc" }],
        select: { id: true, name: true, parentId: true },
      })
    : [];
  return {
    ...row!,
    can: {
      withdraw: maySubmit && open.includes("WITHDRAW"),
      adopt: mayDecide && open.includes("ADOPT"),
      adoptEdited: mayDecide && open.includes("ADOPT_EDITED"),
      return: mayDecide && open.includes("RETURN"),
    },
    siteColumns,
  };
}

/**
 * Where the actor may submit this item: the sites that take submissions, other than the item's
 * own unit's, with whether it is already pending there. Empty when the item is not approved.
 */
export async function listSubmissionTargets(actor: Principal | null, resource: { id: string; ownerOrgId: string }) {
  if (!actor) return { approved: false, sites: [] };
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  if (!can("submission.submit", { orgId: resource.ownerOrgId })) return { approved: false, sites: [] };
  const current = await getDb().resource.findUniqueOrThrow({ where: { id: resource.id } });
  const approved = (await findApprovedRevision(getDb(), current)) !== null && !current.trashedAt;
  const unit = unitOf(tree, resource.ownerOrgId);
  const sites = await getDb().site.findMany({
    where: { acceptsSubmissions: true, orgId: { notIn: [unit, resource.ownerOrgId] } },
    orderBy: { position: "asc" },
    select: { id: true, name: true },
  });
  const pending = await getDb().submission.findMany({
    where: { resourceId: resource.id, state: "SUBMITTED" },
    select: { toSiteId: true },
  });
  return {
    approved,
    sites: sites.map((site) => ({ ...site, pending: pending.some((row) => row.toSiteId === site.id) })),
  };
}
