import type { QaFlagCause } from "@/lib/db/generated/enums";

// The 答问库's pure rules: when an entry is served (its 有效期, in China calendar days), and which
// change of a linked policy flags it 待复核.

export type QaValidity = { validFrom: string | null; validTo: string | null };

export type QaServeState = "pending" | "served" | "expired";

/** Where `today` (YYYY-MM-DD, China time) stands against the validity; both ends are inclusive. */
export function qaServeState(validity: QaValidity, today: string): QaServeState {
  if (validity.validFrom && today < validity.validFrom) return "pending";
  if (validity.validTo && today > validity.validTo) return "expired";
  return "served";
}

/** An entry is served (portal, channels, API) only within its validity. */
export function isQaInForce(validity: QaValidity, today: string): boolean {
  return qaServeState(validity, today) === "served";
}

/** The day of a `@db.Date` column as YYYY-MM-DD, or null. */
export function dayOf(value: Date | null | undefined): string | null {
  return value ? value.toISOString().slice(0, 10) : null;
}

/** A YYYY-MM-DD day as the value of a `@db.Date` column. */
export function dateOfDay(day: string | null | undefined): Date | null {
  return day ? new Date(`${day}T00:00:00Z`) : null;
}

export type PolicyChange =
  | { topic: "policy.validity.changed"; to: string }
  | { topic: "publication.published"; kind: string; supersedes: string | null };

/**
 * What a change of a linked policy means for the entries that rest on it: repealed, revised or
 * expired (效力状态), or corrected (a new publication replacing a live one). A first publication
 * or a return to 有效 flags nothing.
 */
export function flagCauseFor(change: PolicyChange): QaFlagCause | null {
  if (change.topic === "policy.validity.changed") {
    if (change.to === "REPEALED") return "POLICY_REPEALED";
    if (change.to === "REVISED") return "POLICY_REVISED";
    if (change.to === "EXPIRED") return "POLICY_EXPIRED";
    return null;
  }
  if (change.kind !== "POLICY" && change.kind !== "INTERPRETATION") return null;
  return change.supersedes ? "POLICY_CORRECTED" : null;
}
