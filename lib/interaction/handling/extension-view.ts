import type { Db } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/permissions";
import { loadUnitFacts } from "@/lib/review/eligibility";
import type { DueDerivation } from "@/lib/interaction/clock";
import { letterLimits } from "@/lib/interaction/limits";
import type { LoadedLetter } from "@/lib/interaction/handling/guard";

// The 延期 part of a letter's page: its requests and decisions, and whether this actor may ask
// for one (a handler of the answering unit, while the reply runs on working days and none waits)
// or decide the one waiting (the unit's named 直接责任人, never on their own request).

const OPEN_FOR_REQUEST = ["ACCEPTED", "ASSIGNED", "HANDLING"];
const OPEN_FOR_DECISION = ["ACCEPTED", "ASSIGNED", "HANDLING", "REVIEWING"];

export async function letterExtensions(
  db: Db,
  actor: Principal,
  letter: LoadedLetter,
  answeringUnit: string,
  can: { handle: boolean; decide: boolean },
) {
  const rows = await db.letterExtension.findMany({ where: { letterId: letter.id }, orderBy: { requestedAt: "asc" } });
  const userIds = [...new Set(rows.flatMap((row) => [row.requestedById, row.decidedById ?? ""]).filter(Boolean))];
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } });
  const name = (id: string | null) => users.find((user) => user.id === id)?.displayName ?? "";
  const reply = (letter.clock as { reply?: DueDerivation }).reply;
  const onWorkingDays = !!reply && !reply.hours && reply.workingDays !== undefined && !letter.answeredAt;
  const pending = rows.find((row) => row.status === "PENDING");
  const direct = pending && can.decide ? (await loadUnitFacts(db, answeringUnit)).direct : null;
  return {
    extensions: rows.map((row) => ({
      id: row.id,
      workingDays: row.workingDays,
      reason: row.reason,
      status: row.status,
      requestedBy: name(row.requestedById),
      requestedAt: row.requestedAt,
      decidedBy: name(row.decidedById),
      decidedAt: row.decidedAt,
      decisionComment: row.decisionComment,
    })),
    /** Working days the reply may still be extended by (the type's limit minus what it runs on). */
    extensionRoom: onWorkingDays ? Math.max(0, letterLimits(letter).maxWorkingDays - reply.workingDays!) : 0,
    requestExtension:
      can.handle &&
      onWorkingDays &&
      !pending &&
      OPEN_FOR_REQUEST.includes(letter.state) &&
      letterLimits(letter).maxWorkingDays > reply.workingDays!,
    decideExtension:
      pending &&
      !letter.answeredAt &&
      OPEN_FOR_DECISION.includes(letter.state) &&
      direct === actor.id &&
      pending.requestedById !== actor.id
        ? pending.id
        : null,
  };
}
