// 立即检查 / 开展检查 run by the jobs worker: the latest request's state (排队中 / 检查中 / 已完成 /
// 未完成) with its times, what a queued one waits for (another full run), and, once done, what it found.
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.supervision.requests;

type Request = {
  id: string;
  kind: string;
  state: "QUEUED" | "RUNNING" | "DONE" | "FAILED";
  period: string | null;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  outcome: unknown;
  error: string | null;
  waitReason?: string | null;
};

export function SupervisionRequestStatus({ request }: { request: Request | null }) {
  if (!request) return <p className="muted">{t.none}</p>;
  const outcome = (request.outcome ?? {}) as { opened?: number; resolved?: number; period?: string };
  const kind = request.kind === "inspection" ? t.kinds.inspection : t.kinds.monitors;
  return (
    <p data-testid={`request-${request.kind}`} data-request={request.id} data-state={request.state} role="status">
      {t.status}
      {kind}
      {request.period ? `（${request.period}）` : ""}：<strong>{t.states[request.state]}</strong>；{t.requestedAt}{" "}
      {formatDateTime(request.requestedAt)}
      {request.startedAt ? `；${t.startedAt} ${formatDateTime(request.startedAt)}` : ""}
      {request.finishedAt ? `；${t.finishedAt} ${formatDateTime(request.finishedAt)}` : ""}
      {request.state === "DONE" && request.kind === "monitors"
        ? `；${t.monitorsOutcome(outcome.opened ?? 0, outcome.resolved ?? 0)}`
        : ""}
      {request.state === "DONE" && request.kind === "inspection"
        ? `；${t.inspectionOutcome(outcome.period ?? "")}`
        : ""}
      {request.state === "QUEUED" && request.waitReason ? `；${request.waitReason}` : ""}
      {request.state === "FAILED" && request.error ? `；${request.error}` : ""}
    </p>
  );
}
