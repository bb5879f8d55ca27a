import { getDb } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/permissions";
import { createPermissionChecker } from "@/lib/auth/permissions";
import { countLibrary, listLibrary, visibleOrgIds, type TLibraryFilter } from "@/lib/library/browse";
import { contentPath } from "@/lib/publish/portal-links";
import { publicationTimes } from "@/lib/publish/publication-times";

// The editor's desk on the dashboard: my drafts, my returned items (with the reviewer's reason),
// the unit's scheduled publications (with cancel) and what was published lately. Every count is
// the library's own count for the filter its link opens, and every list is read within the units
// the library lets this person see.

const LIST_SIZE = 8;

type Filter = Partial<Pick<TLibraryFilter, "state" | "authorId" | "review">>;

/** The library filters behind the desk's counts, as the query string of /admin/library. */
export function deskFilters(actorId: string) {
  return {
    drafts: { state: "DRAFT", authorId: actorId },
    returned: { review: "RETURNED", authorId: actorId },
    scheduled: { review: "SCHEDULED" },
    published: { state: "PUBLISHED" },
  } as const satisfies Record<string, Filter>;
}

export type DeskKey = keyof ReturnType<typeof deskFilters>;

/** The library list with these filters (the same names as ZLibraryFilter). */
export function libraryHref(filter: Record<string, string>): string {
  return `/admin/library?${new URLSearchParams(filter)}`;
}

export async function getEditorDesk(actor: Principal) {
  const filters = deskFilters(actor.id);
  const keys = Object.keys(filters) as DeskKey[];
  const counts = await Promise.all(keys.map((key) => countLibrary(actor, filters[key])));
  const [drafts, returned, orgIds, can] = await Promise.all([
    listLibrary(actor, filters.drafts),
    listLibrary(actor, filters.returned),
    visibleOrgIds(actor),
    createPermissionChecker(actor),
  ]);
  const [reasons, scheduled, recent] = await Promise.all([
    returnReasons(returned.items.map((item) => item.id)),
    listScheduled(orgIds),
    listRecentPublications(orgIds),
  ]);
  return {
    counts: keys.map((key, index) => ({ key, count: counts[index]!, href: libraryHref(filters[key]) })),
    drafts: drafts.items.slice(0, LIST_SIZE),
    returned: returned.items.slice(0, LIST_SIZE).map((item) => ({ ...item, ...reasons.get(item.id) })),
    scheduled: scheduled.map((row) => ({ ...row, canCancel: can("publication.publish", { orgId: row.ownerOrgId }) })),
    recent,
  };
}

/** Why each item's latest review was returned, and by whom (the returning sign-off). */
async function returnReasons(resourceIds: string[]) {
  const instances = await getDb().reviewInstance.findMany({
    where: { resourceId: { in: resourceIds }, status: "RETURNED" },
    orderBy: { submittedAt: "desc" },
    select: {
      id: true,
      resourceId: true,
      completedAt: true,
      signOffs: {
        where: { decision: "RETURN" },
        select: { reason: true, stageName: true, user: { select: { displayName: true } } },
        take: 1,
      },
    },
  });
  const reasons = new Map<
    string,
    { instanceId: string; reason: string; returnedBy: string; stage: string; at: Date | null }
  >();
  for (const instance of instances) {
    if (reasons.has(instance.resourceId)) continue;
    const signOff = instance.signOffs[0];
    reasons.set(instance.resourceId, {
      instanceId: instance.id,
      reason: signOff?.reason ?? "",
      returnedBy: signOff?.user.displayName ?? "",
      stage: signOff?.stageName ?? "",
      at: instance.completedAt,
    });
  }
  return reasons;
}

/** Pending 定时发布 of these units, soonest first. */
async function listScheduled(orgIds: string[]) {
  const rows = await getDb().publicationSchedule.findMany({
    where: { status: "PENDING", instance: { resource: { ownerOrgId: { in: orgIds } } } },
    orderBy: { runAt: "asc" },
    take: 20,
    select: {
      id: true,
      runAt: true,
      instance: {
        select: {
          resourceId: true,
          revision: { select: { title: true, number: true } },
          resource: { select: { ownerOrgId: true, ownerOrg: { select: { name: true } } } },
        },
      },
    },
  });
  return rows.map((row) => ({
    scheduleId: row.id,
    runAt: row.runAt,
    resourceId: row.instance.resourceId,
    title: row.instance.revision.title,
    revision: row.instance.revision.number,
    ownerOrgId: row.instance.resource.ownerOrgId,
    unit: row.instance.resource.ownerOrg.name,
  }));
}

/** The latest live publications of these units, each with the portal page it is shown on. */
async function listRecentPublications(orgIds: string[]) {
  const rows = await getDb().publication.findMany({
    where: { withdrawnAt: null, supersededAt: null, resource: { ownerOrgId: { in: orgIds } } },
    orderBy: { publishedAt: "desc" },
    take: LIST_SIZE,
    select: {
      resourceId: true,
      publishedAt: true,
      firstPublishedAt: true,
      revision: { select: { title: true } },
      resource: {
        select: {
          placements: {
            orderBy: { createdAt: "asc" },
            take: 1,
            select: {
              column: {
                select: {
                  name: true,
                  site: { select: { name: true, hosts: { orderBy: { host: "asc" }, select: { host: true } } } },
                },
              },
            },
          },
        },
      },
    },
  });
  return rows.map((row) => {
    const column = row.resource.placements[0]?.column;
    return {
      resourceId: row.resourceId,
      title: row.revision.title,
      // 发布时间 as the portal shows it (the first publication's), 更新时间 after a correction.
      ...publicationTimes(row),
      site: column ? `${column.site.name} · ${column.name}` : null,
      hosts: column?.site.hosts.map((host) => host.host) ?? [],
      path: contentPath(row.resourceId),
    };
  });
}
