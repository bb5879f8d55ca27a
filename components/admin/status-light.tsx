import { messages } from "@/lib/i18n/zh-CN";
import type { CheckStatus } from "@/lib/supervision/scoring";

// A traffic light (fail / warn / ok) that says its state in words too: colour is never the only sign.

export function StatusLight({ status }: { status: CheckStatus | null }) {
  if (!status) return <span className="light light-none">—</span>;
  return (
    <span className={`light light-${status}`} data-light={status}>
      {messages.supervisionScores.lights[status]}
    </span>
  );
}
