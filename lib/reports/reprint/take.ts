import { z } from "zod";
import { getDb, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, invalid, notFound, unauthenticated } from "@/lib/errors";
import { emit } from "@/lib/events/bus";
import { parseInput } from "@/lib/validation/parse";
import { zText } from "@/lib/validation/text";
import { blocksToDoc, computeContentHash, type TextBlock } from "@/lib/library/content";
import { ZRevisionMetadata } from "@/lib/library/metadata";
import { openInstance } from "@/lib/review/open";
import { formatChinaDateTime } from "@/lib/time/china";
import { messages } from "@/lib/i18n/zh-CN";
import { actOnSite } from "@/lib/reports/reprint/access";

// 转载 and 忽略: an editor of the site's unit turns a queued item into a library item of source
// 转载 (original title, date, summary and link), placed in the site's column for reprints and
// submitted through review (the unit's fast-track workflow for reprints when it has one), or marks
// it not relevant to this site with a reason. The item's state and version make a replayed or
// stale form a conflict; another unit's editor does not see the item at all.

type Context = Partial<RequestContext>;
const t = messages.reprint;

const ZStep = z.object({ itemId: z.uuid("待转载信息不正确"), version: z.coerce.number().int().min(1) });
const ZIgnore = ZStep.extend({
  reason: zText().trim().min(1, t.ignoreReasonRequired).max(200, "理由不超过 200 字"),
});

const ITEM_INCLUDE = {
  entry: { include: { source: { select: { name: true } } } },
  site: { select: { id: true, name: true, orgId: true, reprintColumnId: true } },
} as const;

async function lockItem(tx: Tx, itemId: string) {
  const locked = await tx.$executeRaw`select 1 from "ReprintItem" where id = ${itemId}::uuid for update`;
  if (locked === 0) throw notFound();
  return tx.reprintItem.findUniqueOrThrow({ where: { id: itemId }, include: ITEM_INCLUDE });
}

function assertPending(item: { state: string; version: number }, version: number) {
  if (item.state !== "PENDING") throw conflict(t.notPending(t.states[item.state as keyof typeof t.states]));
  if (item.version !== version) throw conflict(t.stale);
}

/** The reprint's text: the summary as the body's first paragraphs, then where and when it came from. */
export function reprintBody(entry: { summary: string; link: string | null; publishedAt: Date | null }) {
  const blocks: TextBlock[] = entry.summary
    .split(/\n+/)
    .map((text) => text.trim())
    .filter(Boolean)
    .map((text) => ({ type: "paragraph", text }));
  // The source's name is the article's 来源 (metadata), shown in the page's meta line.
  const origin = [
    entry.publishedAt ? `${t.originDate}${formatChinaDateTime(entry.publishedAt)}` : "",
    entry.link ? `${t.originLink}${entry.link}` : "",
  ].filter(Boolean);
  for (const line of origin) blocks.push({ type: "paragraph", text: line });
  return blocksToDoc(blocks);
}

export async function takeReprint(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  const { itemId, version } = parseInput(ZStep, input);
  const db = getDb();
  const peek = await db.reprintItem.findUnique({ where: { id: itemId }, include: ITEM_INCLUDE });
  if (!peek) throw notFound();
  const acting = await actOnSite(actor, "reprint.take", peek.site.orgId);
  await assertCan(actor, "review.submit", { orgId: acting.orgId });
  await assertCan(actor, "publication.publish", { orgId: acting.orgId });
  const columnId = peek.site.reprintColumnId;
  if (!columnId) throw invalid(t.noColumn);
  // The column must be one the editor may place this unit's items in (as any submission).
  await emit("review.submitting", { db, actor, ownerOrgId: acting.orgId, columnIds: [columnId], channelIds: [] });
  // Loaded here, outside the transaction: the subscribers' process starts without it (#21).
  const { renderBodyHtml } = await import("@/lib/library/render-body");
  return db.$transaction(async (tx) => {
    const item = await lockItem(tx, itemId);
    assertPending(item, version);
    const now = new Date();
    const { entry } = item;
    const title = entry.title;
    const body = reprintBody(entry);
    const metadata = ZRevisionMetadata.parse({
      summary: entry.summary ? entry.summary.slice(0, 500) : undefined,
      source: { type: "reprint", originName: entry.source.name, ...(entry.link ? { originUrl: entry.link } : {}) },
    });
    const contentHash = computeContentHash({ title, body, metadata });
    const resource = await tx.resource.create({
      data: { kind: "ARTICLE", ownerOrgId: acting.orgId, createdById: actor.id, title, version: 1 },
    });
    const revision = await tx.revision.create({
      data: {
        resourceId: resource.id,
        number: 1,
        title,
        body,
        bodyHtml: renderBodyHtml(body),
        metadata,
        contentHash,
        authorId: actor.id,
      },
    });
    const instance = await openInstance(
      tx,
      {
        resource,
        revision,
        submittedById: actor.id,
        flagged: false,
        flagReason: null,
        publishMode: "ON_APPROVAL",
        publishAt: null,
        columnIds: [columnId],
        correctionNote: null,
        reprint: true,
      },
      { role: acting.role, ...context },
    );
    await tx.reprintItem.update({
      where: { id: item.id },
      data: { state: "TAKEN", takenById: actor.id, takenAt: now, resourceId: resource.id, version: { increment: 1 } },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      role: acting.role,
      action: "reprint.take",
      subject: `reprint:${item.id}`,
      data: {
        title,
        site: item.site.name,
        source: entry.source.name,
        resourceId: resource.id,
        reviewInstanceId: instance.id,
        workflow: instance.workflowName,
        dueAt: item.dueAt.toISOString(),
        late: now > item.dueAt,
      },
      ...context,
    });
    return { resourceId: resource.id, instanceId: instance.id, workflowName: instance.workflowName };
  });
}

export async function ignoreReprint(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  const { itemId, version, reason } = parseInput(ZIgnore, input);
  const db = getDb();
  const peek = await db.reprintItem.findUnique({
    where: { id: itemId },
    select: { site: { select: { orgId: true } } },
  });
  if (!peek) throw notFound();
  const acting = await actOnSite(actor, "reprint.take", peek.site.orgId);
  await db.$transaction(async (tx) => {
    const item = await lockItem(tx, itemId);
    assertPending(item, version);
    await tx.reprintItem.update({
      where: { id: item.id },
      data: {
        state: "IGNORED",
        ignoredById: actor.id,
        ignoredAt: new Date(),
        ignoreReason: reason,
        version: { increment: 1 },
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      role: acting.role,
      action: "reprint.ignore",
      subject: `reprint:${item.id}`,
      data: { title: item.entry.title, site: item.site.name, reason },
      ...context,
    });
  });
}

/**
 * Publication → 转载时间: when a reprint's library item is first published, its queue item records
 * the time (the subscriber runs in the publishing transaction, lib/subscribers.ts).
 */
export async function recordReprintPublication(tx: Tx, topic: string, payload: { resourceId: string }): Promise<void> {
  if (topic !== "publication.published") return;
  const item = await tx.reprintItem.findUnique({
    where: { resourceId: payload.resourceId },
    select: { id: true, publishedAt: true },
  });
  if (!item || item.publishedAt) return;
  const publication = await tx.publication.findFirst({
    where: { resourceId: payload.resourceId, withdrawnAt: null },
    orderBy: { publishedAt: "asc" },
    select: { publishedAt: true },
  });
  await tx.reprintItem.update({
    where: { id: item.id },
    data: { publishedAt: publication?.publishedAt ?? new Date() },
  });
}
