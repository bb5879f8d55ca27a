import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { CHANNEL_STANDING, channelProblem, enqueueDelivery } from "@/lib/channels/deliveries";
import { answeringUnitId, assertOnLetter, loadLetter } from "@/lib/interaction/handling/guard";

// 重新回传: a reply whose delivery to the relay failed (the back end refused it, was unreachable
// until the retries ran out, or never answered) goes out again under the same idempotency key, so
// a back end that did receive it drops the repeat. The lead unit's handler, who answers for the
// reply reaching the writer, asks for it after checking with the relay.

const ZRetryReplyDelivery = z.object({ deliveryId: z.uuid("回传记录不正确") });

export async function retryReplyDelivery(
  actor: Principal | null,
  input: unknown,
  context: Partial<RequestContext> = {},
) {
  const { deliveryId } = parseInput(ZRetryReplyDelivery, input);
  const db = getDb();
  const found = await db.delivery.findUnique({
    where: { id: deliveryId },
    select: { action: true, letterReply: { select: { letterId: true } } },
  });
  if (!found?.letterReply || found.action !== "REPLY") throw notFound();
  const letter = await loadLetter(db, found.letterReply.letterId);
  const role = await assertOnLetter(actor, "interaction.handle", letter, answeringUnitId(letter));
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`select id from "Delivery" where id = ${deliveryId}::uuid for update`;
    const delivery = await tx.delivery.findUniqueOrThrow({
      where: { id: deliveryId },
      include: { channel: { select: CHANNEL_STANDING } },
    });
    if (delivery.status !== "FAILED") throw conflict("只有回传失败的答复可以重新回传。");
    const problem = channelProblem(delivery.channel, "REPLY");
    if (problem) throw conflict(`不能重新回传：${problem.message}`);
    const checkpoint = delivery.checkpoint as Record<string, unknown> | null;
    await tx.delivery.update({
      where: { id: delivery.id },
      data: {
        status: "PENDING",
        lastError: null,
        failure: null,
        ...(checkpoint?.uncertain ? { checkpoint: { ...checkpoint, uncertain: false } } : {}),
      },
    });
    await enqueueDelivery(tx, delivery.id);
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.reply.redeliver",
      subject: `letter:${letter.id}`,
      data: {
        queryCode: letter.queryCode,
        deliveryId: delivery.id,
        channelId: delivery.channelId,
        attempts: delivery.attempts,
        lastError: delivery.lastError,
      },
      ...context,
    });
    return { id: delivery.id };
  });
}
