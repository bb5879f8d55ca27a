import { z } from "zod";
import { getDb, type Tx } from "@/lib/db/client";
import type { HomeLayoutStage } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, forbidden, invalid, notFound, unauthenticated } from "@/lib/errors";
import { getEnv } from "@/lib/env";
import { messages } from "@/lib/i18n/zh-CN";
import { parseNestedInput } from "@/lib/validation/parse";
import { announcePortalChange } from "@/lib/cache/portal-purge";
import {
  ZHomeBlock,
  ZHomeLayoutInput,
  describeBlock,
  describeLayoutChanges,
  referencedColumnIds,
  type THomeBlock,
} from "@/lib/sites/home-blocks";
import { defaultHomeBlocks } from "@/lib/sites/home-default";
import { homeTag } from "@/lib/sites/home-tags";
import { signHomePreviewToken, verifyHomePreviewToken } from "@/lib/sites/home-preview-token";

// A site's composed home page (首页区块), kept by the site's administrators: they edit a draft
// layout, preview it in the portal's template, then publish it; the portal shows only the
// published layout. Saving and publishing are audited with what changed, in words; publishing
// purges the site's home page on every portal server.

const t = messages.homeBlocks;

type Context = Partial<RequestContext>;

async function loadManagedSite(actor: Principal | null, siteId: unknown) {
  if (!z.uuid().safeParse(siteId).success) throw notFound();
  const site = await getDb().site.findUnique({
    where: { id: siteId as string },
    select: { id: true, name: true, orgId: true },
  });
  if (!site) throw notFound();
  const role = await assertCan(actor, "site.manage", { orgId: site.orgId });
  return { site, role };
}

/** The blocks of one stage, as stored (a block whose settings no longer validate is left out). */
export async function readHomeBlocks(db: Tx, siteId: string, stage: HomeLayoutStage): Promise<THomeBlock[]> {
  const rows = await db.homeBlock.findMany({ where: { siteId, stage }, orderBy: { position: "asc" } });
  return rows.flatMap((row) => {
    const parsed = ZHomeBlock.safeParse({ kind: row.kind, title: row.title, config: row.config });
    return parsed.success ? [parsed.data] : [];
  });
}

async function writeHomeBlocks(tx: Tx, siteId: string, stage: HomeLayoutStage, blocks: THomeBlock[]) {
  await tx.homeBlock.deleteMany({ where: { siteId, stage } });
  await tx.homeBlock.createMany({
    data: blocks.map((block, position) => ({
      siteId,
      stage,
      position,
      kind: block.kind,
      title: block.title,
      config: block.config,
    })),
  });
}

/** A signed preview link of a site's draft at `version`, valid for PREVIEW_LINK_MINUTES. */
export function homePreviewPath(siteId: string, version: number, now = new Date()): string {
  const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + getEnv().PREVIEW_LINK_MINUTES * 60_000);
  return `/admin/preview/home/${signHomePreviewToken({ siteId, version, expiresAt })}`;
}

/** The composer's page: the site's columns, the draft (else the published, else the default) layout. */
export async function getHomeComposer(actor: Principal | null, siteId: string) {
  const { site } = await loadManagedSite(actor, siteId);
  const db = getDb();
  const [columns, layout] = await Promise.all([
    db.column.findMany({
      where: { siteId: site.id },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, parentId: true, name: true, slug: true, kind: true, bannerSrc: true },
    }),
    db.homeLayout.findUnique({ where: { siteId: site.id } }),
  ]);
  const draft = layout ? await readHomeBlocks(db, site.id, "DRAFT") : [];
  const blocks = layout?.draftSavedAt ? draft : defaultHomeBlocks(columns);
  return {
    site,
    columns,
    blocks,
    version: layout?.draftVersion ?? 0,
    previewPath: layout?.draftSavedAt ? homePreviewPath(site.id, layout.draftVersion) : null,
    publishedAt: layout?.publishedAt ?? null,
    hasUnpublished: Boolean(layout?.draftSavedAt) && layout?.publishedVersion !== layout?.draftVersion,
  };
}

/** Every column a block names must be a column of this site (of the right kind where it matters). */
async function assertColumnsOfSite(tx: Tx, siteId: string, blocks: THomeBlock[]) {
  const ids = [...new Set(blocks.flatMap(referencedColumnIds))];
  const columns = await tx.column.findMany({ where: { siteId, id: { in: ids } }, select: { id: true, kind: true } });
  const kindOf = new Map(columns.map((column) => [column.id, column.kind]));
  for (const [index, block] of blocks.entries()) {
    const field = `blocks.${index}.config`;
    for (const id of referencedColumnIds(block))
      if (!kindOf.has(id))
        throw invalid(`${describeBlock(block)}：${t.errors.columnNotOnSite}`, { [field]: [t.errors.columnNotOnSite] });
    if (block.kind === "INTERACTION" && block.config.columnId && kindOf.get(block.config.columnId) !== "INTERACTION") {
      const message = t.errors.columnKind(messages.columnTypes.INTERACTION);
      throw invalid(`${describeBlock(block)}：${message}`, { [field]: [message] });
    }
  }
}

/** Saves the composer's layout as the site's draft; answers the new draft version. */
export async function saveHomeDraft(actor: Principal | null, input: unknown, context: Context = {}) {
  const request = parseNestedInput(ZHomeLayoutInput, input);
  const { site, role } = await loadManagedSite(actor, request.siteId);
  return getDb().$transaction(async (tx) => {
    await assertColumnsOfSite(tx, site.id, request.blocks);
    await tx.homeLayout.createMany({ data: [{ siteId: site.id }], skipDuplicates: true });
    const before = await readHomeBlocks(tx, site.id, "DRAFT");
    const moved = await tx.homeLayout.updateMany({
      where: { siteId: site.id, draftVersion: request.baseVersion },
      data: { draftVersion: { increment: 1 }, draftSavedAt: new Date() },
    });
    if (moved.count === 0) throw conflict(t.errors.conflict);
    await writeHomeBlocks(tx, site.id, "DRAFT", request.blocks);
    const version = request.baseVersion + 1;
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "site.home.draft",
      subject: `site:${site.id}`,
      data: {
        version,
        blocks: request.blocks.map(describeBlock),
        changes: describeLayoutChanges(before, request.blocks),
      },
      ...context,
    });
    return { version, previewPath: homePreviewPath(site.id, version) };
  });
}

export const ZPublishHomeLayout = z.object({ siteId: z.uuid(), version: z.coerce.number().int().min(1) });

/** Publishes the draft the administrator saved (and previewed) at `version`. */
export async function publishHomeLayout(actor: Principal | null, input: unknown, context: Context = {}) {
  const request = parseNestedInput(ZPublishHomeLayout, input);
  const { site, role } = await loadManagedSite(actor, request.siteId);
  return getDb().$transaction(async (tx) => {
    const layout = await tx.homeLayout.findUnique({ where: { siteId: site.id } });
    if (!layout?.draftSavedAt) throw invalid(t.errors.noDraft);
    const now = new Date();
    // Only the version the administrator saw: a draft saved since by someone else is not published unseen.
    const claimed = await tx.homeLayout.updateMany({
      where: {
        siteId: site.id,
        draftVersion: request.version,
        OR: [{ publishedVersion: null }, { publishedVersion: { not: request.version } }],
      },
      data: { publishedVersion: request.version, publishedAt: now, publishedById: actor!.id },
    });
    if (claimed.count === 0)
      throw layout.draftVersion === request.version ? invalid(t.errors.nothingToPublish) : conflict(t.errors.conflict);
    const [before, after] = await Promise.all([
      layout.publishedAt ? readHomeBlocks(tx, site.id, "PUBLISHED") : Promise.resolve(null),
      readHomeBlocks(tx, site.id, "DRAFT"),
    ]);
    await writeHomeBlocks(tx, site.id, "PUBLISHED", after);
    await announcePortalChange(tx, [homeTag(site.id)]);
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "site.home.publish",
      subject: `site:${site.id}`,
      data: {
        version: request.version,
        before: before ? before.map(describeBlock).join("；") : t.composer.statusDefault,
        after: after.map(describeBlock).join("；"),
        changes: before ? describeLayoutChanges(before, after) : [],
      },
      ...context,
    });
    return { version: request.version, publishedAt: now };
  });
}

/**
 * Opening a preview link: the draft the link was issued for, for an administrator of its site.
 * A draft saved again since has a link of its own; this one then no longer opens.
 */
export async function openHomePreview(actor: Principal | null, token: unknown, now = new Date()) {
  const check = verifyHomePreviewToken(token, now);
  if (!check.ok) throw check.reason === "expired" ? forbidden(t.preview.expired) : notFound(t.preview.invalid);
  if (!actor) throw unauthenticated();
  const { site } = await loadManagedSite(actor, check.claims.siteId);
  const db = getDb();
  const layout = await db.homeLayout.findUnique({ where: { siteId: site.id } });
  if (!layout?.draftSavedAt || layout.draftVersion !== check.claims.version) throw notFound(t.preview.outdated);
  return {
    siteId: site.id,
    version: layout.draftVersion,
    savedAt: layout.draftSavedAt,
    expiresAt: check.claims.expiresAt,
    blocks: await readHomeBlocks(db, site.id, "DRAFT"),
  };
}
