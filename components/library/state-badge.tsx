import { messages } from "@/lib/i18n/zh-CN";

// A resource's state as a coloured badge (labels from lib/i18n; colours in app/globals.css).

const STATES = messages.resourceStates;

export function StateBadge({ state }: { state: string }) {
  const label = STATES[state as keyof typeof STATES] ?? state;
  return <span className={`badge state state-${state.toLowerCase().replace("_", "-")}`}>{label}</span>;
}
