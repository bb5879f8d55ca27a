import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { blocksToDoc, computeContentHash, renderBodyHtml } from "@/lib/library/content";
import { ZRevisionMetadata } from "@/lib/library/metadata";
import { openInstance } from "@/lib/review/open";
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
    const contentHash = computeContentHash({ title: form.title, body, metadata });
    const previous = interview.transcriptResourceId
      ? await tx.resource.findUniqueOrThrow({ where: { id: interview.transcriptResourceId } })
      : null;
    const number = (previous?.version ?? 0) + 1;
    const resource = previous
      ? await tx.resource.update({
          where: { id: previous.id },
          data: { version: number, title: form.title, state: "DRAFT", updatedAt: new Date() },
        })
      : await tx.resource.create({
          data: {
            kind: "INTERVIEW_TRANSCRIPT",
            ownerOrgId: interview.site.orgId,
            createdById: actor!.id,
            title: form.title,
            version: 1,
          },
        });
    const revision = await tx.revision.create({
      data: {
        resourceId: resource.id,
        number,
        title: form.title,
        body,
        bodyHtml: renderBodyHtml(body),
        metadata,
        contentHash,
        authorId: actor!.id,
      },
    });
    await updateInterview(tx, interview, form.version, previous ? {} : { transcriptResourceId: resource.id });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.interview.transcript",
      subject: `interview:${interview.id}`,
      data: { resourceId: resource.id, revision: number, contentHash },
      ...context,
    });
    const instance = await openInstance(
      tx,
      {
        resource,
        revision,
        submittedById: actor!.id,
        flagged: false,
        flagReason: null,
        publishMode: "ON_APPROVAL",
        publishAt: null,
        columnIds: [column.id],
        correctionNote: null,
      },
      { role, ...context },
    );
    return { resourceId: resource.id, reviewInstanceId: instance.id };
  });
}
