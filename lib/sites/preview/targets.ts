import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/permissions";
import { getEnv } from "@/lib/env";
import { DomainError, notFound } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { listPlaceableColumns } from "@/lib/publish/placement-rule";
import { assertMayPreview } from "@/lib/sites/preview/access";

// Where a draft can be previewed: every column it is placed in (its placements, once published or
// approved) and the columns chosen when it was submitted (the review of the revision, else the
// latest review), each on its own site. Before the first submission it is placed nowhere; then
// its editor may preview it in any column they could choose for it on the submission form.

const t = messages.preview;

export type PreviewTarget = { siteId: string; siteName: string; columnId: string; columnName: string; label: string };

/** The columns (with their sites) a revision of the resource is placed in, in site and column order. */
export async function loadPreviewTargets(db: Db, resourceId: string, revisionId: string): Promise<PreviewTarget[]> {
  const [placements, review] = await Promise.all([
    db.placement.findMany({ where: { resourceId }, select: { columnId: true } }),
    db.reviewInstance
      .findFirst({ where: { resourceId, revisionId }, orderBy: { submittedAt: "desc" }, select: { columnIds: true } })
      .then(
        async (own) =>
          own ??
          db.reviewInstance.findFirst({
            where: { resourceId },
            orderBy: { submittedAt: "desc" },
            select: { columnIds: true },
          }),
      ),
  ]);
  const ids = [...new Set([...placements.map((placement) => placement.columnId), ...(review?.columnIds ?? [])])];
  if (ids.length === 0) return [];
  const columns = await db.column.findMany({
    where: { id: { in: ids } },
    include: { site: { select: { id: true, name: true, position: true } } },
  });
  return columns
    .sort((a, b) => a.site.position - b.site.position || a.position - b.position || a.name.localeCompare(b.name))
    .map((column) => ({
      siteId: column.site.id,
      siteName: column.site.name,
      columnId: column.id,
      columnName: column.name,
      label: `${column.site.name} · ${column.name}`,
    }));
}

/** The columns, by site, `actor` may place an item of `ownerOrgId` in (the rule of the submission form). */
export async function loadPlaceableTargets(actor: Principal, ownerOrgId: string): Promise<PreviewTarget[]> {
  return (await listPlaceableColumns(actor, ownerOrgId)).flatMap((site) =>
    site.columns.map((column) => ({
      siteId: site.siteId,
      siteName: site.siteName,
      columnId: column.id,
      columnName: column.name,
      label: `${site.siteName} · ${column.name}`,
    })),
  );
}

export type PreviewChoices = {
  /** The revision the links show: the one asked for, else the latest. */
  revision: { id: string; number: number } | null;
  targets: PreviewTarget[];
  /** Placed nowhere yet: the columns this person may place it in, to preview in one before submitting. */
  candidates: PreviewTarget[];
  /** Why there is no placed column to preview in (no revision saved, placed nowhere). */
  reason: string | null;
  /** How long an issued link stays valid. */
  minutes: number;
};

/**
 * What the editor page and the review page offer: one preview per placed site and column, or why
 * there is none. Null when `actor` may not preview the resource (the block is not shown).
 */
export async function listPreviewChoices(
  actor: Principal | null,
  input: { resourceId: string; revisionId?: string },
): Promise<PreviewChoices | null> {
  if (!z.uuid().safeParse(input.resourceId).success) throw notFound();
  const db = getDb();
  const resource = await db.resource.findUnique({
    where: { id: input.resourceId },
    select: { id: true, ownerOrgId: true, trashedAt: true },
  });
  if (!resource) throw notFound();
  if (resource.trashedAt) return null;
  try {
    await assertMayPreview(db, actor, resource);
  } catch (error) {
    if (error instanceof DomainError && error.code === "FORBIDDEN") return null;
    throw error;
  }
  const revision = await db.revision.findFirst({
    where: { resourceId: resource.id, ...(input.revisionId ? { id: input.revisionId } : {}) },
    orderBy: { number: "desc" },
    select: { id: true, number: true },
  });
  const minutes = getEnv().PREVIEW_LINK_MINUTES;
  if (!revision) return { revision: null, targets: [], candidates: [], reason: t.noRevision, minutes };
  const targets = await loadPreviewTargets(db, resource.id, revision.id);
  if (targets.length) return { revision, targets, candidates: [], reason: null, minutes };
  const candidates = await loadPlaceableTargets(actor!, resource.ownerOrgId);
  return { revision, targets, candidates, reason: candidates.length ? t.choosePlacement : t.noPlacement, minutes };
}
