import type { InteractionType } from "@/lib/db/generated/client";
import type { DueDerivation } from "@/lib/interaction/clock";

// The time limits of a message type, copied into each letter's clock when it arrives: a site
// administrator may change a type's limits later (/admin/sites/[id]/interaction), and the letters
// already open keep the limits they were received under.

export type TypeLimits = {
  acceptWorkingDays: number;
  replyWorkingDays: number | null;
  replyHours: number | null;
  maxWorkingDays: number;
};

type LimitFields = Pick<InteractionType, "acceptWorkingDays" | "replyWorkingDays" | "replyHours" | "maxWorkingDays">;

export function limitsOf(type: LimitFields): TypeLimits {
  return {
    acceptWorkingDays: type.acceptWorkingDays,
    replyWorkingDays: type.replyWorkingDays,
    replyHours: type.replyHours,
    maxWorkingDays: type.maxWorkingDays,
  };
}

/** The limits a letter was received under; a letter from before they were kept: its type's. */
export function letterLimits(letter: { clock: unknown; type: LimitFields }): TypeLimits {
  const kept = (letter.clock as { limits?: TypeLimits } | null)?.limits;
  return kept ?? limitsOf(letter.type);
}

type Due = { derivation: DueDerivation };

/** A new letter's clock: how its due dates were counted, and the limits it was received under. */
export function newLetterClock(type: LimitFields, accept: Due, reply: Due | null) {
  return { accept: accept.derivation, ...(reply ? { reply: reply.derivation } : {}), limits: limitsOf(type) };
}
