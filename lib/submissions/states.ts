import { submissionMessages } from "@/lib/i18n/zh-CN-submissions";
import type { SubmissionEventKind, SubmissionState } from "@/lib/db/generated/enums";

// The 报送 state machine, pure: which transition may leave which state, and its words. A
// submission is pending only while SUBMITTED; the desk's three decisions and the submitter's
// withdrawal each end it. PUBLISH is the one event that keeps the state: it records when the
// adopted item (or the edited edition, once its review passed) went live on the target site.

export const SUBMISSION_STATES = [
  "SUBMITTED",
  "ADOPTED",
  "ADOPTED_EDITED",
  "RETURNED",
  "WITHDRAWN",
] as const satisfies readonly SubmissionState[];

export type SubmissionTransition = Exclude<SubmissionEventKind, "SUBMIT" | "PUBLISH">;

/** The state each transition leads to. */
export const TRANSITION_TARGET: Record<SubmissionTransition, SubmissionState> = {
  WITHDRAW: "WITHDRAWN",
  ADOPT: "ADOPTED",
  ADOPT_EDITED: "ADOPTED_EDITED",
  RETURN: "RETURNED",
};

/** Who takes each transition: the submitting unit, or the target site's desk. */
export const TRANSITION_SIDE: Record<SubmissionTransition, "submitter" | "desk"> = {
  WITHDRAW: "submitter",
  ADOPT: "desk",
  ADOPT_EDITED: "desk",
  RETURN: "desk",
};

const FROM: Record<SubmissionTransition, readonly SubmissionState[]> = {
  WITHDRAW: ["SUBMITTED"],
  ADOPT: ["SUBMITTED"],
  ADOPT_EDITED: ["SUBMITTED"],
  RETURN: ["SUBMITTED"],
};

export function canTransition(state: SubmissionState, transition: SubmissionTransition): boolean {
  return FROM[transition].includes(state);
}

/** The transitions open from `state` (empty once decided or withdrawn). */
export function allowedTransitions(state: SubmissionState): SubmissionTransition[] {
  return (Object.keys(FROM) as SubmissionTransition[]).filter((transition) => canTransition(state, transition));
}

export function isPending(state: SubmissionState): boolean {
  return state === "SUBMITTED";
}

/** Adopted either way: counts as 采用 in the statistics. */
export function isAdopted(state: SubmissionState): boolean {
  return state === "ADOPTED" || state === "ADOPTED_EDITED";
}

/** A transition needs a reason (退回理由). */
export function needsReason(transition: SubmissionTransition): boolean {
  return transition === "RETURN";
}

export function stateLabel(state: SubmissionState): string {
  return submissionMessages.states[state];
}

export function eventLabel(kind: SubmissionEventKind): string {
  return submissionMessages.events[kind];
}
