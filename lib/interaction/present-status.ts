import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import type { getLetterStatus } from "@/lib/interaction/letter-status";

// The writer's view as the browser receives it: labels in Chinese, times as YYYY-MM-DD HH:MM.

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
    replyDueAt: time(status.replyDueAt),
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
