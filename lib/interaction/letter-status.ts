import { getDb } from "@/lib/db/client";
import type { DueDerivation } from "@/lib/interaction/clock";
import { findLetterByCredentials } from "@/lib/interaction/find-letter";

// What the writer sees of their own letter with its 查询码 and password: its state, the dates
// the clock kept (the reply's due date with how it was computed), and every reply that went out
// (approved), with the unit that answered. An approved 延期 shows as the days added and the day it
// was approved — never the handler's reason: it is written for the approver, may name other
// people or the checks under way, and has passed no review (DESIGN invariant 10: what the public
// reads is reviewed; only the reply is).

export async function getLetterStatus(siteId: string, input: unknown, ip: string | null) {
  const letter = await findLetterByCredentials(siteId, input, ip);
  const [type, replies, extensions] = await Promise.all([
    getDb().interactionType.findUniqueOrThrow({ where: { id: letter.typeId }, select: { name: true } }),
    getDb().letterReply.findMany({
      where: { letterId: letter.id, status: "APPROVED" },
      orderBy: { reviewedAt: "asc" },
    }),
    getDb().letterExtension.findMany({
      where: { letterId: letter.id, status: "APPROVED" },
      orderBy: { decidedAt: "asc" },
      select: { workingDays: true, decidedAt: true },
    }),
  ]);
  const replyClock = (letter.clock as { reply?: DueDerivation }).reply ?? null;
  const units = await getDb().organization.findMany({
    where: { id: { in: replies.map((reply) => reply.unitId) } },
    select: { id: true, name: true },
  });
  return {
    queryCode: letter.queryCode,
    title: letter.title,
    typeName: type.name,
    state: letter.state,
    receivedAt: letter.receivedAt,
    acceptedAt: letter.acceptedAt,
    acceptDueAt: letter.acceptDueAt,
    replyDueAt: letter.replyDueAt,
    replyClock,
    round: letter.reworkCount + 1,
    // Extensions belong to the first reply's clock; the 重办 round runs on a clock of its own.
    extensions: replyClock?.extendedDays
      ? extensions.map((extension) => ({ workingDays: extension.workingDays, approvedAt: extension.decidedAt! }))
      : [],
    answeredAt: letter.answeredAt,
    rejectRoute: letter.rejectRoute,
    rejectReason: letter.rejectReason,
    rating: letter.rating,
    canRate: letter.state === "ANSWERED",
    canAskRework: letter.state === "ANSWERED" && letter.reworkCount === 0,
    replies: replies.map((reply) => ({
      round: reply.round,
      body: reply.body,
      unitName: units.find((unit) => unit.id === reply.unitId)?.name ?? "",
      repliedAt: reply.reviewedAt!,
    })),
  };
}
