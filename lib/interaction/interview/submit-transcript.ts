import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { blocksToDoc } from "@/lib/library/content";
import { ZRevisionMetadata } from "@/lib/library/metadata";
import { submitRecordForReview } from "@/lib/interaction/submit-record";
import { loadPublicCopyState } from "@/lib/interaction/publish/public-copy";
import { assertOnInterview, assertStatus, lockInterview, updateInterview } from "@/lib/interaction/interview/guard";
import { transcriptBlocks } from "@/lib/interaction/interview/transcript";
import { ZSubmitTranscript } from "@/lib/interaction/interview/schemas";
import { formatDateTime } from "@/lib/format";

// 文字实录 (store first, DESIGN invariant 10): after the interview closes, staff submit the
// assembled and edited transcript as a library resource of kind 访谈实录, owned by the site's
// unit and placed in its 政民互动 column, through the unit's review workflow like any item; it is
// public only once approved and published. A transcript sent back is submitted again as a new
// revision of the same item.

export async function submitTranscript(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const form = parseInput(ZSubmitTranscript, input);
  return getDb().$transaction(async (tx) => {
    const interview = await lockInterview(tx, form.interviewId);
    const role = await assertOnInterview(actor, "interview.manage", interview);
    assertStatus(interview, ["CLOSED"]);
    const copy = interview.transcriptResourceId ? await loadPublicCopyState(tx, interview.transcriptResourceId) : null;
    if (copy === "PUBLISHED") throw conflict("本期访谈的文字实录已发布。");
    if (copy === "IN_REVIEW") throw conflict("本期访谈的文字实录正在审核中。");
    const column = await tx.column.findFirst({
      where: { siteId: interview.siteId, kind: "INTERACTION" },
      orderBy: { position: "asc" },
    });
    if (!column) throw invalid("本网站没有政民互动栏目，无法发布文字实录。请联系网站管理员添加栏目。");
    const blocks = transcriptBlocks(form.body);
    if (blocks.length === 0) throw invalid("请填写实录正文。", { body: ["请填写实录正文"] });
    const body = blocksToDoc(blocks);
    const summary = `访谈时间：${formatDateTime(interview.startsAt)}　访谈嘉宾：${interview.guests
      .map((guest) => `${guest.title}${guest.name}`)
      .join("、")}`.slice(0, 500);
    const metadata = ZRevisionMetadata.parse({ source: { type: "original" }, summary });
    const { resource, number, contentHash, instance } = await submitRecordForReview(
      tx,
      {
        kind: "INTERVIEW_TRANSCRIPT",
        ownerOrgId: interview.site.orgId,
        previousId: interview.transcriptResourceId,
        title: form.title,
        body,
        metadata,
        columnId: column.id,
      },
      { id: actor!.id, role },
      context,
    );
    await updateInterview(
      tx,
      interview,
      form.version,
      interview.transcriptResourceId ? {} : { transcriptResourceId: resource.id },
    );
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.interview.transcript",
      subject: `interview:${interview.id}`,
      data: { resourceId: resource.id, revision: number, contentHash },
      ...context,
    });
    return { resourceId: resource.id, reviewInstanceId: instance.id };
  });
}
