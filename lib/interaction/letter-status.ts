import { getDb } from "@/lib/db/client";
import { findLetterByCredentials } from "@/lib/interaction/find-letter";

// What the writer sees of their own letter with its 查询码 and password: its state, the dates
// the clock kept, and every reply that went out (approved), with the unit that answered.

export async function getLetterStatus(siteId: string, input: unknown, ip: string | null) {
  const letter = await findLetterByCredentials(siteId, input, ip);
  const [type, replies] = await Promise.all([
    getDb().interactionType.findUniqueOrThrow({ where: { id: letter.typeId }, select: { name: true } }),
    getDb().letterReply.findMany({
      where: { letterId: letter.id, status: "APPROVED" },
      orderBy: { reviewedAt: "asc" },
    }),
  ]);
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
