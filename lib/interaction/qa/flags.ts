import type { Tx } from "@/lib/db/client";
import type { QaFlagCause } from "@/lib/db/generated/enums";
import type { OutboxPayload, OutboxTopic } from "@/lib/events/types";
import { recordAudit } from "@/lib/audit/record";
import { messages } from "@/lib/i18n/zh-CN";
import { flagCauseFor } from "@/lib/interaction/qa/rules";
import { syncQaEntry } from "@/lib/interaction/qa/sync-entry";

// Policy changes reach the 答问库 through the outbox (lib/subscribers.ts), never by publish importing
// interaction: a linked policy repealed, revised, expired or corrected flags every entry resting on
// it 待复核; a QA item published again after a review completed since the flag clears it.

const reasons = messages.qa.flagReasons;

async function flagEntries(tx: Tx, policyId: string, cause: QaFlagCause): Promise<number> {
  const links = await tx.qaPolicyLink.findMany({ where: { policyId }, select: { entryId: true } });
  if (links.length === 0) return 0;
  const policy = await tx.resource.findUniqueOrThrow({ where: { id: policyId }, select: { title: true } });
  const reason = reasons[cause](policy.title);
  const now = new Date();
  for (const { entryId } of links) {
    await tx.qaEntry.update({
      where: { resourceId: entryId },
      data: { flaggedAt: now, flagCause: cause, flagReason: reason, flagPolicyId: policyId },
    });
    await recordAudit(tx, {
      actorId: null,
      action: "interaction.qa.flag",
      subject: `resource:${entryId}`,
      data: { cause, policyId, reason },
    });
  }
  return links.length;
}

/** A QA item was published: the entry follows the published revision and, if re-reviewed since its flag, is cleared. */
async function onQaPublished(tx: Tx, resourceId: string, publicationId: string | undefined) {
  await syncQaEntry(tx, resourceId);
  const entry = await tx.qaEntry.findUnique({ where: { resourceId }, select: { flaggedAt: true, flagReason: true } });
  if (!entry?.flaggedAt || !publicationId) return;
  const publication = await tx.publication.findUnique({
    where: { id: publicationId },
    select: { publishedAt: true, publishedById: true, reviewInstance: { select: { completedAt: true } } },
  });
  const reviewedAt = publication?.reviewInstance?.completedAt ?? publication?.publishedAt;
  if (!reviewedAt || reviewedAt < entry.flaggedAt) return;
  await tx.qaEntry.update({
    where: { resourceId },
    data: { flaggedAt: null, flagCause: null, flagReason: null, flagPolicyId: null },
  });
  await recordAudit(tx, {
    actorId: publication?.publishedById ?? null,
    action: "interaction.qa.flag.clear",
    subject: `resource:${resourceId}`,
    data: { via: "republish", publicationId, before: entry.flagReason },
  });
}

/** The outbox subscriber (lib/subscribers.ts), in the transaction of the change. */
export async function reactToPublicChange(tx: Tx, topic: OutboxTopic, payload: OutboxPayload): Promise<void> {
  if (topic === "policy.validity.changed") {
    const cause = flagCauseFor({ topic, to: String(payload.to ?? "") });
    if (cause) await flagEntries(tx, payload.resourceId, cause);
    return;
  }
  if (topic !== "publication.published" && topic !== "publication.withdrawn") return;
  const resource = await tx.resource.findUnique({ where: { id: payload.resourceId }, select: { kind: true } });
  if (!resource) return;
  if (resource.kind === "QA") {
    if (topic === "publication.published")
      await onQaPublished(tx, payload.resourceId, payload.publicationId as string | undefined);
    else await syncQaEntry(tx, payload.resourceId);
    return;
  }
  if (topic !== "publication.published") return;
  const supersedes = typeof payload.supersedes === "string" ? payload.supersedes : null;
  const cause = flagCauseFor({ topic, kind: resource.kind, supersedes });
  if (cause) await flagEntries(tx, payload.resourceId, cause);
}
