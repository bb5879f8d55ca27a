import type { Prisma } from "@/lib/db/generated/client";
import type { Db, Tx } from "@/lib/db/client";
import type { LetterState } from "@/lib/db/generated/enums";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { type Action } from "@/lib/auth/permission-table";
import { conflict, notFound } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";

// What every handling step shares: load the letter, check the actor against the unit the step
// belongs to (the type's unit accepts and assigns; the lead unit answers), check the state, and
// write the change only if nobody changed the letter since the actor saw it (version).

const STATES = messages.interaction.states;

export const LETTER_INCLUDE = {
  type: true,
  assignments: { orderBy: { assignedAt: "asc" } },
  replies: { orderBy: { createdAt: "asc" } },
} as const satisfies Prisma.LetterInclude;

export type LoadedLetter = Prisma.LetterGetPayload<{ include: typeof LETTER_INCLUDE }>;

export async function loadLetter(db: Db | Tx, letterId: string): Promise<LoadedLetter> {
  const letter = await db.letter.findUnique({ where: { id: letterId }, include: LETTER_INCLUDE });
  if (!letter) throw notFound();
  return letter;
}

/** The unit that answers: the lead of the assignment, or the type's own unit before any. */
export function answeringUnitId(letter: LoadedLetter): string {
  return letter.assignments.find((assignment) => assignment.lead)?.unitId ?? letter.type.unitId;
}

/**
 * The role that lets `actor` take a step on `letter` in `orgId`. A letter the actor may not even
 * view is "not found" (its existence is not disclosed); one they may view but not act on, forbidden.
 */
export async function assertOnLetter(actor: Principal | null, action: Action, letter: LoadedLetter, orgId: string) {
  const units = [letter.type.unitId, ...letter.assignments.map((assignment) => assignment.unitId)];
  let visible = false;
  for (const unitId of units) {
    try {
      await assertCan(actor, "interaction.view", { orgId: unitId });
      visible = true;
      break;
    } catch {
      // not this unit
    }
  }
  if (!visible) throw notFound();
  return assertCan(actor, action, { orgId });
}

export function assertState(letter: LoadedLetter, allowed: readonly LetterState[]): void {
  if (!allowed.includes(letter.state))
    throw conflict(`该留言当前为“${STATES[letter.state]}”，不能进行此操作。请刷新页面查看最新状态。`);
}

/** Writes `data` if the letter is still at `version`; refuses a stale or replayed step. */
export async function updateLetter(
  tx: Tx,
  letter: LoadedLetter,
  version: number,
  data: Prisma.LetterUncheckedUpdateManyInput,
) {
  if (version !== letter.version) throw conflict("该留言已被他人处理，请刷新页面后再操作。");
  const { count } = await tx.letter.updateMany({
    where: { id: letter.id, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw conflict("该留言已被他人处理，请刷新页面后再操作。");
}
