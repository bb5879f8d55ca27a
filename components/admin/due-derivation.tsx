import type { DueDerivation as Derivation } from "@/lib/interaction/clock";
import { describeDue } from "@/lib/interaction/describe-clock";

// How a due date was computed (DESIGN invariant 11), beside the date on the handler's page.

export function DueDerivation({ derivation }: { derivation: Derivation }) {
  return <span className="due-derivation">：{describeDue(derivation)}</span>;
}
