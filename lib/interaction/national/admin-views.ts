import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { getLetterStatistics } from "@/lib/interaction/publish/statistics";
import { getNationalStatistics } from "@/lib/interaction/publish/national-statistics";
import { chinaYear } from "@/lib/time/china";

// What the back office shows around national messages: the sites this handler may register them
// for, and each site's figures, the site's own letters and the national messages apart.

/** Sites whose national message type is handled by a unit the actor handles for. */
export async function listNationalSites(actor: Principal | null) {
  assertHoldsRoleFor(actor, "interaction.handle");
  const can = await createPermissionChecker(actor);
  const types = await getDb().interactionType.findMany({
    where: { category: "CORRECTION", publicForm: false, active: true },
    orderBy: [{ site: { position: "asc" } }, { position: "asc" }],
    include: { site: { select: { id: true, name: true } } },
  });
  const sites = new Map<string, string>();
  for (const type of types)
    if (can("interaction.handle", { orgId: type.unitId })) sites.set(type.site.id, type.site.name);
  return [...sites].map(([id, name]) => ({ id, name }));
}

/** Sites with a message type some unit of the actor's views letters for. */
async function listFigureSites(actor: Principal | null) {
  assertHoldsRoleFor(actor, "interaction.view");
  const can = await createPermissionChecker(actor);
  const types = await getDb().interactionType.findMany({
    orderBy: { site: { position: "asc" } },
    include: { site: { select: { id: true, name: true } } },
  });
  const sites = new Map<string, string>();
  for (const type of types)
    if (can("interaction.view", { orgId: type.unitId })) sites.set(type.site.id, type.site.name);
  return [...sites].map(([id, name]) => ({ id, name }));
}

const ZFigures = z.object({
  siteId: z.uuid().optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(chinaYear()).optional().catch(undefined),
});

/** 办理统计 for one site the actor handles letters of: the site's own letters and national messages apart. */
export async function getInteractionFigures(actor: Principal | null, query: unknown) {
  const sites = await listFigureSites(actor);
  const { siteId, year = chinaYear() } = ZFigures.parse(query);
  const site = siteId ? sites.find((candidate) => candidate.id === siteId) : sites[0];
  if (siteId && !site) throw notFound();
  if (!site) return { sites, site: null, year, own: [], national: [] };
  const [own, national] = await Promise.all([getLetterStatistics(site.id, year), getNationalStatistics(site.id, year)]);
  return { sites, site, year, own, national };
}
