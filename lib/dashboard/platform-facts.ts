import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { firstPublishedAt } from "@/lib/publish/publication-times";

// The back-office start page: who I am and where, my previous sign-in (等保 2.0: users see their
// last login), and platform facts that are public anyway (sites, live publications).

export async function getDashboard(actor: Actor) {
  const db = getDb();
  const [signIns, sites, liveByKind, latest] = await Promise.all([
    db.auditEvent.findMany({
      where: { actorId: actor.id, action: "auth.sign_in.success" },
      orderBy: { seq: "desc" },
      take: 2,
      select: { at: true, ip: true },
    }),
    db.site.findMany({
      orderBy: { position: "asc" },
      select: { id: true, name: true, siteCode: true, hosts: { select: { host: true } } },
    }),
    db.resource.groupBy({
      by: ["kind"],
      where: { publications: { some: { withdrawnAt: null, supersededAt: null } } },
      _count: { _all: true },
    }),
    db.publication.findMany({
      where: { withdrawnAt: null, supersededAt: null },
      orderBy: { publishedAt: "desc" },
      take: 5,
      select: { publishedAt: true, firstPublishedAt: true, resourceId: true, revision: { select: { title: true } } },
    }),
  ]);
  return {
    previousSignIn: signIns[1] ?? null,
    sites: sites.map((site) => ({ ...site, hosts: site.hosts.map((host) => host.host) })),
    liveByKind: liveByKind.map((row) => ({ kind: row.kind, count: row._count._all })),
    latest: latest.map((publication) => ({
      resourceId: publication.resourceId,
      title: publication.revision.title,
      // 发布时间 as the portal shows it: a correction keeps the first publication's.
      publishedAt: firstPublishedAt(publication),
    })),
  };
}
