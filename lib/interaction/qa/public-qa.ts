import type { Prisma } from "@/lib/db/generated/client";
import { getDb } from "@/lib/db/client";
import { chinaToday } from "@/lib/time/china";
import { routeExternalLinks } from "@/lib/sites/leaving";
import { dateOfDay, dayOf } from "@/lib/interaction/qa/rules";
import { listQaThemes, themeNames } from "@/lib/interaction/qa/themes";

// The public 答问库 of a site (咨询答问): entries that are published, placed in one of the site's
// columns and within their 有效期 today (China time). An expired or not yet valid entry is not served.

/** The filter every public read of entries applies: live on this site, in force on `today`. */
export function servedWhere(siteId: string, today: string): Prisma.QaEntryWhereInput {
  const day = dateOfDay(today)!;
  return {
    resource: {
      kind: "QA",
      trashedAt: null,
      placements: { some: { column: { siteId } } },
      publications: { some: { withdrawnAt: null, supersededAt: null } },
    },
    AND: [
      { OR: [{ validFrom: null }, { validFrom: { lte: day } }] },
      { OR: [{ validTo: null }, { validTo: { gte: day } }] },
    ],
  };
}

const LIVE = { where: { withdrawnAt: null, supersededAt: null }, orderBy: { publishedAt: "desc" }, take: 1 } as const;

export async function listServedQa(siteId: string, options: { theme?: string; now?: Date } = {}) {
  const today = chinaToday(options.now);
  const [themes, rows] = await Promise.all([
    listQaThemes({ activeOnly: true }),
    getDb().qaEntry.findMany({
      where: { ...servedWhere(siteId, today), ...(options.theme ? { themes: { has: options.theme } } : {}) },
      take: 500,
      select: {
        resourceId: true,
        themes: true,
        validTo: true,
        unit: { select: { name: true } },
        resource: {
          select: { publications: { ...LIVE, select: { publishedAt: true, revision: { select: { title: true } } } } },
        },
      },
    }),
  ]);
  const entries = rows
    .map((row) => ({
      id: row.resourceId,
      question: row.resource.publications[0]!.revision.title,
      publishedAt: row.resource.publications[0]!.publishedAt,
      themes: themeNames(row.themes, themes),
      unit: row.unit.name,
      validTo: dayOf(row.validTo),
    }))
    .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
  return { themes, entries };
}

export async function getServedQa(
  site: { id: string; platformHosts: readonly string[] },
  resourceId: string,
  now = new Date(),
) {
  const db = getDb();
  const row = await db.qaEntry.findFirst({
    where: { resourceId, ...servedWhere(site.id, chinaToday(now)) },
    select: {
      resourceId: true,
      themes: true,
      validFrom: true,
      validTo: true,
      unit: { select: { name: true } },
      policies: {
        orderBy: { position: "asc" },
        select: {
          policy: {
            select: {
              id: true,
              title: true,
              kind: true,
              validity: true,
              publications: { where: { withdrawnAt: null, supersededAt: null }, select: { id: true }, take: 1 },
            },
          },
        },
      },
      resource: {
        select: {
          publications: {
            ...LIVE,
            select: { publishedAt: true, revision: { select: { title: true, bodyHtml: true } } },
          },
        },
      },
    },
  });
  if (!row) return null;
  const publication = row.resource.publications[0]!;
  const themes = await listQaThemes();
  return {
    id: row.resourceId,
    question: publication.revision.title,
    answerHtml: routeExternalLinks(publication.revision.bodyHtml, site.platformHosts),
    publishedAt: publication.publishedAt,
    themes: themeNames(row.themes, themes),
    unit: row.unit.name,
    validFrom: dayOf(row.validFrom),
    validTo: dayOf(row.validTo),
    // Only what the public may read: a linked policy that is not published is left out.
    policies: row.policies
      .filter(({ policy }) => policy.publications.length > 0)
      .map(({ policy }) => ({ id: policy.id, title: policy.title, kind: policy.kind, validity: policy.validity })),
  };
}
