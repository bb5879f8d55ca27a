import { getDb } from "@/lib/db/client";
import { createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { answeringUnitId, loadLetter } from "@/lib/interaction/handling/guard";

// What the letter page shows about 采纳为答问: the entry already made from the letter's reply, or
// whether the actor may make one (the lead unit's handler, once the reply is published).

export async function getReplyAdoption(actor: Principal, letterId: string) {
  const db = getDb();
  const letter = await loadLetter(db, letterId);
  const reply = letter.replies.filter((candidate) => candidate.status === "APPROVED").at(-1);
  const entry = reply
    ? await db.qaEntry.findUnique({ where: { letterReplyId: reply.id }, select: { resourceId: true } })
    : null;
  const can = await createPermissionChecker(actor);
  return {
    entryId: entry?.resourceId ?? null,
    canAdopt: Boolean(reply) && can("qa.adopt", { orgId: answeringUnitId(letter) }),
  };
}
