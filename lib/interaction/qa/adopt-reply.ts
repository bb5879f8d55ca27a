import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { computeContentHash, type RichText } from "@/lib/library/content";
import { renderBodyHtml } from "@/lib/library/render-body";
import { ZRevisionMetadata } from "@/lib/library/metadata";
import { answeringUnitId, assertOnLetter, loadLetter } from "@/lib/interaction/handling/guard";

// 采纳为答问: the lead unit's handler turns a letter whose reply was published (留言选登) into a draft
// Q&A entry. The question and the 答复口径 come from the published, de-identified public copy —
// never from the private original — and the entry links back to the letter and the reply. The
// draft is then completed (themes, policies, validity) and reviewed like any library item.

export const ZAdoptReply = z.object({ letterId: z.uuid({ message: "留言编号不正确" }) });

type Block = { type?: string; content?: { text?: string }[] };

function blockText(block: Block): string {
  return (block.content ?? []).map((inline) => inline.text ?? "").join("");
}

/** The public copy's 留言内容 and 答复内容 sections (lib/interaction/publish/select-letter.ts lays them out). */
export function splitPublicCopy(body: RichText): { question: Block[]; answer: Block[] } {
  const sections: { question: Block[]; answer: Block[] } = { question: [], answer: [] };
  let current: Block[] | null = null;
  for (const block of (body.content ?? []) as Block[]) {
    if (block.type === "heading") {
      const text = blockText(block);
      current = text === "留言内容" ? sections.question : text === "答复内容" ? sections.answer : null;
    } else if (current) current.push(block);
  }
  return sections;
}

export async function adoptReply(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const { letterId } = parseInput(ZAdoptReply, input);
  return getDb().$transaction(async (tx) => {
    const letter = await loadLetter(tx, letterId);
    const unitId = answeringUnitId(letter);
    const role = await assertOnLetter(actor, "qa.adopt", letter, unitId);
    const reply = letter.replies.filter((candidate) => candidate.status === "APPROVED").at(-1);
    if (!reply) throw conflict("该留言尚无审核通过的答复，不能采纳为答问。");
    const publication = letter.publicResourceId
      ? await tx.publication.findFirst({
          where: { resourceId: letter.publicResourceId, withdrawnAt: null, supersededAt: null },
          select: { revision: { select: { title: true, body: true } } },
        })
      : null;
    if (!publication) throw conflict("该留言答复尚未选登公开，不能采纳为答问。");
    const existing = await tx.qaEntry.findUnique({ where: { letterReplyId: reply.id }, select: { resourceId: true } });
    if (existing) throw conflict("该答复已采纳为答问，不能重复采纳。", { resourceId: existing.resourceId });

    const copy = splitPublicCopy(publication.revision.body as RichText);
    const title = publication.revision.title.slice(0, 200);
    const body: RichText = {
      type: "doc",
      content: copy.answer.length ? copy.answer : [{ type: "paragraph" }],
    };
    const question = copy.question.map(blockText).join("\n").trim();
    const metadata = ZRevisionMetadata.parse({
      source: { type: "original" },
      ...(question ? { summary: question.slice(0, 500) } : {}),
      qa: { themes: [], policyIds: [], unitId },
    });
    const contentHash = computeContentHash({ title, body, metadata });
    const resource = await tx.resource.create({
      data: { kind: "QA", ownerOrgId: unitId, createdById: actor!.id, title, version: 1 },
    });
    await tx.revision.create({
      data: {
        resourceId: resource.id,
        number: 1,
        title,
        body,
        bodyHtml: renderBodyHtml(body),
        metadata,
        contentHash,
        authorId: actor!.id,
      },
    });
    await tx.qaEntry.create({
      data: {
        resourceId: resource.id,
        origin: "LETTER_REPLY",
        letterId: letter.id,
        letterReplyId: reply.id,
        unitId,
        themes: [],
      },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.qa.adopt",
      subject: `letter:${letter.id}`,
      data: { queryCode: letter.queryCode, replyId: reply.id, resourceId: resource.id, contentHash },
      ...context,
    });
    return { resourceId: resource.id };
  });
}
