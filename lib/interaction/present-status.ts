import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { describeDue } from "@/lib/interaction/describe-clock";
import type { getLetterStatus } from "@/lib/interaction/letter-status";

// The writer's view as the browser receives it: labels in Chinese, times as YYYY-MM-DD HH:MM, the
// reply's due date with its derivation in words and any approved 延期.

const t = messages.interaction;

export function presentLetterStatus(status: Awaited<ReturnType<typeof getLetterStatus>>) {
  const time = (value: Date | null) => (value ? formatDateTime(value) : null);
  return {
    queryCode: status.queryCode,
    title: status.title,
    typeName: status.typeName,
    state: t.states[status.state],
    receivedAt: time(status.receivedAt),
    acceptedAt: time(status.acceptedAt),
    acceptDueAt: time(status.acceptDueAt),
    replyDue: status.replyDueAt
      ? {
          label: t.lookup.replyDueAt(status.round),
          at: formatDateTime(status.replyDueAt),
          derivation: status.replyClock ? describeDue(status.replyClock) : null,
          extensions: status.extensions.map((extension) =>
            t.lookup.extended(extension.workingDays, formatDateTime(extension.approvedAt)),
          ),
        }
      : null,
    answeredAt: time(status.answeredAt),
    rejection: status.rejectRoute ? `${t.rejectRoutes[status.rejectRoute]}：${status.rejectReason ?? ""}` : null,
    rating: status.rating ? t.ratings[status.rating] : null,
    canRate: status.canRate,
    canAskRework: status.canAskRework,
    replies: status.replies.map((reply) => ({
      round: reply.round,
      body: reply.body,
      unitName: reply.unitName,
      repliedAt: formatDateTime(reply.repliedAt),
    })),
  };
}

export type PresentedLetterStatus = ReturnType<typeof presentLetterStatus>;
