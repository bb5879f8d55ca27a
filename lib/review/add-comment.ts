import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { invalid, notFound, unauthenticated } from "@/lib/errors";
import { revisionText } from "@/lib/review/revision-checks";
import type { RichText } from "@/lib/library/content";
import { parseInput } from "@/lib/validation/parse";

// Reviewers' comments on passages of the text under review, kept with the review.

type Context = Partial<RequestContext>;

const ZComment = z.object({
  instanceId: z.uuid(),
  start: z.coerce.number().int().min(0),
  end: z.coerce.number().int().min(0),
  text: zText().trim().min(1, "请填写意见").max(1000, "意见不超过 1000 字"),
});

/** A reviewer's comment on a passage (offsets into the text shown on the review page). */
export async function addComment(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  const { instanceId, start, end, text } = parseInput(ZComment, input);
  const instance = await getDb().reviewInstance.findUnique({
    where: { id: instanceId },
    include: { revision: true, resource: true },
  });
  if (!instance) throw notFound();
  const role = await assertCan(actor, "resource.view", { orgId: instance.resource.ownerOrgId }).catch(() => {
    throw notFound();
  });
  const plain = revisionText(
    instance.revision.title,
    instance.revision.body as RichText,
    instance.revision.metadata,
  ).text;
  if (end <= start || end > plain.length) throw invalid("请先在正文中选择要评论的段落。", { text: ["未选择段落"] });
  return getDb().$transaction(async (tx) => {
    const comment = await tx.reviewComment.create({
      data: { instanceId, userId: actor.id, start, end, quote: plain.slice(start, end), text },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "review.comment",
      subject: `review:${instanceId}`,
      data: { start, end },
      ...context,
    });
    return comment;
  });
}
