import { randomUUID } from "node:crypto";
import { createDb } from "../../lib/db/client";
import { embeddedDatabaseUrl } from "../../lib/db/embedded-url";
import { blocksToDoc, computeContentHash } from "../../lib/library/content";
import { renderBodyHtml } from "../../lib/library/render-body";
import { E2E } from "./env";

// A letter of the district's 咨询 type, answered by 区政府办公室政务公开科 and already selected and
// published (留言选登), for the 答问库 journey: the steps that get a letter there are the
// interaction spec's; here it starts where 采纳为答问 does. Its public copy enters as 历史导入.

const UNIT = "区政府办公室政务公开科";

export async function createPublishedLetterReply(input: { title: string; question: string; reply: string }) {
  const db = createDb(embeddedDatabaseUrl(E2E.pgPort));
  try {
    const site = await db.site.findFirstOrThrow({ where: { hosts: { some: { host: "localhost" } } } });
    const type = await db.interactionType.findFirstOrThrow({ where: { siteId: site.id, code: "consult" } });
    const unit = await db.organization.findFirstOrThrow({ where: { name: UNIT } });
    const handler = await db.user.findUniqueOrThrow({ where: { username: "handler" } });
    const column = await db.column.findFirstOrThrow({ where: { siteId: site.id, slug: "zmhd" } });
    const now = new Date();
    const title = input.title;
    const body = blocksToDoc([
      { type: "paragraph", text: `答复单位：${UNIT}` },
      { type: "heading", level: 2, text: "留言内容" },
      { type: "paragraph", text: input.question },
      { type: "heading", level: 2, text: "答复内容" },
      { type: "paragraph", text: input.reply },
    ]);
    const metadata = { source: { type: "original" }, keywords: [], disclosure: { type: "proactive" }, relations: [] };
    const contentHash = computeContentHash({ title, body, metadata });
    const copy = await db.resource.create({
      data: {
        kind: "INTERACTION_REPLY",
        ownerOrgId: unit.id,
        createdById: handler.id,
        title,
        version: 1,
        state: "PUBLISHED",
        revisions: {
          create: {
            number: 1,
            title,
            body,
            bodyHtml: renderBodyHtml(body),
            metadata,
            contentHash,
            authorId: handler.id,
          },
        },
        placements: { create: { columnId: column.id } },
      },
      include: { revisions: true },
    });
    await db.publication.create({
      data: {
        resourceId: copy.id,
        revisionId: copy.revisions[0]!.id,
        origin: "IMPORTED",
        contentHash,
        publishedAt: now,
      },
    });
    const letter = await db.letter.create({
      data: {
        siteId: site.id,
        typeId: type.id,
        queryCode: `E2EQA${randomUUID().slice(0, 8).toUpperCase()}`,
        passwordHash: "-",
        title,
        content: input.question,
        writerName: "测试来信人",
        writerPhone: "13800000000",
        consentToPublish: true,
        state: "CLOSED",
        acceptDueAt: now,
        replyDueAt: now,
        clock: {},
        acceptedAt: now,
        answeredAt: now,
        publicResourceId: copy.id,
        assignments: { create: { unitId: unit.id, lead: true, assignedById: handler.id } },
        replies: {
          create: { unitId: unit.id, body: input.reply, authorId: handler.id, status: "APPROVED", reviewedAt: now },
        },
      },
    });
    return { letterId: letter.id };
  } finally {
    await db.$disconnect();
  }
}
