import type { ConsultationState } from "@/lib/db/generated/enums";

// Where an activity stands, from its stored state, its times and its 征集结果反馈: the one place the
// public page, the back office and the quota agree on what "open" and "done" mean.

export type Phase = "DRAFT" | "CANCELLED" | "UPCOMING" | "OPEN" | "CLOSED" | "FEEDBACK_REVIEW" | "DONE";
/** Where the 征集结果反馈 stands: none yet, under review, sent back, or published. */
export type FeedbackState = "NONE" | "IN_REVIEW" | "RETURNED" | "PUBLISHED";

export function phaseOf(
  activity: { state: ConsultationState; opensAt: Date; closesAt: Date },
  feedback: FeedbackState,
  now: Date = new Date(),
): Phase {
  if (activity.state === "DRAFT") return "DRAFT";
  if (activity.state === "CANCELLED") return "CANCELLED";
  if (now < activity.opensAt) return "UPCOMING";
  if (now < activity.closesAt) return "OPEN";
  if (feedback === "PUBLISHED") return "DONE";
  return feedback === "IN_REVIEW" ? "FEEDBACK_REVIEW" : "CLOSED";
}
