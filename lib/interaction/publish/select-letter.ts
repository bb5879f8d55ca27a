import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, invalid } from "@/lib/errors";
import { zText } from "@/lib/validation/text";
import { parseInput } from "@/lib/validation/parse";
import { blocksToDoc, type TextBlock } from "@/lib/library/content";
import { ZRevisionMetadata } from "@/lib/library/metadata";
import { submitRecordForReview } from "@/lib/interaction/submit-record";
import type { Finding } from "@/lib/review/prechecks";
import {
  answeringUnitId,
  assertOnLetter,
  assertState,
  loadLetter,
  updateLetter,
} from "@/lib/interaction/handling/guard";
import { loadPublicCopyState } from "@/lib/interaction/publish/public-copy";
import { applyMasks, findWriterData, type Writer } from "@/lib/interaction/publish/deidentify";
import { revisionText } from "@/lib/review/revision-checks";
import { formatDate, formatDateTime } from "@/lib/format";

// 留言选登 (store first, DESIGN invariant 10): the lead unit's handler turns an answered letter whose
// writer consented to publication into a library resource of kind 留言答复 holding the masked
// letter and the approved reply, and submits it to the unit's review workflow; once approved it is
// published to the site's 政民互动 column like any item. The original letter stays private.

export const ZSelectLetter = z.object({
  letterId: z.uuid({ message: "留言编号不正确" }),
  version: z.coerce.number({ message: "版本号不正确" }).int().min(0),
  /** The strings to mask wherever they occur (title, letter, reply): detected spans the handler kept, and added ones. */
  masks: z
    .array(zText({ singleLine: true }).trim().min(1, "遮蔽内容不能为空").max(100, "单项遮蔽内容不超过 100 字"))
    .max(100, "遮蔽内容不超过 100 项")
    .default([]),
  /** Further strings to mask, one a line (the form's text box). */
  extraMasks: zText().max(2000, "补充遮蔽内容不超过 2000 字").optional().default(""),
});

function paragraphs(text: string): TextBlock[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ type: "paragraph", text: line }));
}

export async function selectLetter(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const parsed = parseInput(ZSelectLetter, input);
  const { letterId, version } = parsed;
  const masks = [
    ...parsed.masks,
    ...parsed.extraMasks
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
  ];
  return getDb().$transaction(async (tx) => {
    const letter = await loadLetter(tx, letterId);
    const unitId = answeringUnitId(letter);
    const role = await assertOnLetter(actor, "interaction.handle", letter, unitId);
    assertState(letter, ["ANSWERED", "CLOSED"]);
    if (!letter.consentToPublish) throw conflict("来信人未同意公开，该留言不能选登。");
    const copy = letter.publicResourceId ? await loadPublicCopyState(tx, letter.publicResourceId) : null;
    if (copy === "PUBLISHED") throw conflict("该留言已选登并发布。");
    if (copy === "IN_REVIEW") throw conflict("该留言的选登稿正在审核中。");
    const reply = letter.replies.filter((candidate) => candidate.status === "APPROVED").at(-1);
    if (!reply || !letter.answeredAt) throw conflict("该留言尚无审核通过的答复。");
    const column = await tx.column.findFirst({
      where: { siteId: letter.siteId, kind: "INTERACTION" },
      orderBy: { position: "asc" },
    });
    if (!column) throw invalid("本网站没有政民互动栏目，无法选登。请联系网站管理员添加栏目。");
    const unit = await tx.organization.findUniqueOrThrow({ where: { id: unitId }, select: { name: true } });

    const title = applyMasks(letter.title, masks);
    const facts = [
      `留言时间：${formatDateTime(letter.receivedAt)}`,
      `受理日期：${letter.acceptedAt ? formatDate(letter.acceptedAt) : "—"}`,
      `答复日期：${formatDate(letter.answeredAt)}`,
      `答复单位：${unit.name}`,
    ];
    const body = blocksToDoc([
      { type: "paragraph", text: facts.join("　") },
      { type: "heading", level: 2, text: "留言内容" },
      ...paragraphs(applyMasks(letter.content, masks)),
      { type: "heading", level: 2, text: "答复内容" },
      ...paragraphs(applyMasks(reply.body, masks)),
    ]);
    const metadata = ZRevisionMetadata.parse({ source: { type: "original" }, summary: facts.join("　") });
    // A copy sent back by its review is selected again as a new revision of the same item.
    const { resource, number, contentHash, instance } = await submitRecordForReview(
      tx,
      {
        kind: "INTERACTION_REPLY",
        ownerOrgId: unitId,
        previousId: letter.publicResourceId,
        title,
        body,
        metadata,
        columnId: column.id,
      },
      { id: actor!.id, role },
      context,
    );
    await updateLetter(tx, letter, version, letter.publicResourceId ? {} : { publicResourceId: resource.id });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.letter.select",
      subject: `letter:${letter.id}`,
      data: {
        queryCode: letter.queryCode,
        resourceId: resource.id,
        revision: number,
        contentHash,
        masks: masks.length,
      },
      ...context,
    });
    const writer = {
      name: letter.writerName,
      phone: letter.writerPhone,
      idNumber: letter.writerIdNumber,
      email: letter.writerEmail,
    };
    const findings = withWriterFindings(
      instance.findings as Finding[],
      revisionText(title, body, metadata).text,
      writer,
    );
    await tx.reviewInstance.update({ where: { id: instance.id }, data: { findings } });
    return { resourceId: resource.id, reviewInstanceId: instance.id, findings };
  });
}

/**
 * The pre-check cannot know who wrote the letter: whatever of the writer's own name, phone, ID
 * number or e-mail is left unmasked is added to the review as a blocking finding.
 */
function withWriterFindings(findings: Finding[], text: string, writer: Writer): Finding[] {
  const leftovers: Finding[] = findWriterData(text, writer)
    .filter((span) => !findings.some((finding) => finding.start < span.end && span.start < finding.end))
    .map((span) => ({
      kind: "writer_identity",
      level: "block",
      start: span.start,
      end: span.end,
      text: span.text,
      message: `${span.label}：留言选登前须脱敏`,
    }));
  return [...findings, ...leftovers].sort((a, b) => a.start - b.start || a.end - b.end);
}
