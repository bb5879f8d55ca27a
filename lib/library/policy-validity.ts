import type { Db, Tx } from "@/lib/db/client";
import type { PolicyValidity } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { parseDocNumber } from "@/lib/library/doc-number";
import { ZStoredRevisionMetadata } from "@/lib/library/metadata";
import { emitEvent } from "@/lib/events/outbox";
import { chinaToday } from "@/lib/time/china";

// 效力状态 follows the facts (国办发〔2017〕47号: a revised, repealed or expired document must say
// so visibly): an expiry date passing makes a document 已失效, and publishing a document that
// repeals or revises it makes it 已废止 or 已修订. Every change is logged with its cause.

async function changeValidity(
  tx: Tx,
  resourceId: string,
  to: PolicyValidity,
  cause: string,
  causeResourceId: string | null,
) {
  const current = await tx.resource.findUnique({ where: { id: resourceId }, select: { validity: true, kind: true } });
  if (!current || current.kind !== "POLICY" || current.validity === to) return false;
  // A repeal is final; a later revision or expiry does not undo it.
  if (current.validity === "REPEALED") return false;
  await tx.resource.update({ where: { id: resourceId }, data: { validity: to } });
  await tx.policyValidityChange.create({ data: { resourceId, from: current.validity, to, cause, causeResourceId } });
  // The original must say so at once wherever it is shown (portal pages, search, channels).
  await emitEvent(tx, "policy.validity.changed", `resource:${resourceId}`, { resourceId, from: current.validity, to });
  await recordAudit(tx, {
    actorId: null,
    action: "policy.validity.change",
    subject: `resource:${resourceId}`,
    data: { before: current.validity, after: to, cause, causeResourceId },
  });
  return true;
}

/** Called in the transaction that publishes `resourceId` (lib/publish): its repeals and revisions take effect. */
export async function applyPublicationEffects(tx: Tx, resourceId: string): Promise<number> {
  const relations = await tx.resourceRelation.findMany({
    where: { fromId: resourceId, kind: { in: ["REPEALS", "REVISES"] } },
  });
  if (relations.length === 0) return 0;
  const latest = await tx.revision.findFirstOrThrow({ where: { resourceId }, orderBy: { number: "desc" } });
  const metadata = ZStoredRevisionMetadata.safeParse(latest.metadata);
  const docNumber = metadata.success ? metadata.data.policy?.docNumber : null;
  const label = `《${latest.title}》${docNumber && parseDocNumber(docNumber).ok ? `（${docNumber}）` : ""}`;
  let changed = 0;
  for (const relation of relations) {
    const to = relation.kind === "REPEALS" ? "REPEALED" : "REVISED";
    const cause = `${label}${relation.kind === "REPEALS" ? "宣布废止" : "对其作出修订"}`;
    if (await changeValidity(tx, relation.toId, to, cause, resourceId)) changed += 1;
  }
  return changed;
}

/** Marks every valid document whose expiry date has passed as 已失效. Run daily by the job runner. */
export async function expirePolicies(db: Db, now = new Date()): Promise<number> {
  const today = new Date(`${chinaToday(now)}T00:00:00Z`);
  const due = await db.resource.findMany({
    where: { kind: "POLICY", validity: { in: ["VALID", "REVISED"] }, expiresOn: { lt: today } },
    select: { id: true, expiresOn: true },
  });
  let changed = 0;
  for (const resource of due) {
    const day = resource.expiresOn!.toISOString().slice(0, 10);
    if (await db.$transaction((tx) => changeValidity(tx, resource.id, "EXPIRED", `有效期至 ${day} 届满`, null)))
      changed += 1;
  }
  return changed;
}
