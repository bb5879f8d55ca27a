import { z } from "zod";
import { getDb } from "@/lib/db/client";
import type { Tx } from "@/lib/db/client";
import type { AskedQuestionState } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/auth/authenticate";
import { assertCan, assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { loadCalendar } from "@/lib/calendar/load";
import { conflict, invalid, notFound } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { computeContentHash, type RichText } from "@/lib/library/content";
import { renderBodyHtml } from "@/lib/library/render-body";
import { ZRevisionMetadata } from "@/lib/library/metadata";
import { parseInput } from "@/lib/validation/parse";
import { hashLetterPassword } from "@/lib/interaction/letter-password";
import { dueAfterHours, dueAfterWorkingDays } from "@/lib/interaction/clock";
import { newLetterClock } from "@/lib/interaction/limits";
import { newLetterPassword, newQueryCode } from "@/lib/interaction/query-code";

// 智能问答待办: the questions nothing answered or a visitor said were not resolved, per site, for
// whoever writes Q&A entries or answers letters for the site's unit (qa.curate). Each is turned
// into a Q&A draft in the library (问 = the question; the 答复口径 is written in the editor and the
// draft passes review like any entry), or into a letter on the site's 咨询 type (handled on its
// clock like any letter), or dismissed; each step audited in its transaction.

const text = messages.ask.curation;
type Context = Partial<RequestContext>;

export const ASKED_STATES = ["OPEN", "DRAFTED", "LETTER", "DISMISSED"] as const;

const ZListAsked = z.object({
  state: z.preprocess(
    (value) => (value === "" || value === undefined ? "OPEN" : value),
    z.enum([...ASKED_STATES, "ALL"], { message: "状态无效" }),
  ),
});
const ZAskedId = z.object({ questionId: z.uuid("问题不正确") });

export type AskedQuestionRow = {
  id: string;
  text: string;
  siteName: string;
  unanswered: number;
  unhelpful: number;
  firstAskedAt: Date;
  lastAskedAt: Date;
  state: AskedQuestionState;
  stateLabel: string;
  resourceId: string | null;
};

/** The curation list of the sites of the actor's units, most asked first, then most recent. */
export async function listAskedQuestions(actor: Principal | null, input: unknown = {}): Promise<AskedQuestionRow[]> {
  assertHoldsRoleFor(actor, "qa.curate");
  const { state } = parseInput(ZListAsked, input);
  const can = await createPermissionChecker(actor);
  const sites = (await getDb().site.findMany({ select: { id: true, orgId: true } })).filter((site) =>
    can("qa.curate", { orgId: site.orgId }),
  );
  const rows = await getDb().askedQuestion.findMany({
    where: { siteId: { in: sites.map((site) => site.id) }, ...(state === "ALL" ? {} : { state }) },
    orderBy: [{ lastAskedAt: "desc" }],
    take: 500,
    select: {
      id: true,
      text: true,
      unanswered: true,
      unhelpful: true,
      firstAskedAt: true,
      lastAskedAt: true,
      state: true,
      resourceId: true,
      site: { select: { name: true } },
    },
  });
  return rows
    .map(({ site, ...row }) => ({ ...row, siteName: site.name, stateLabel: text.states[row.state] ?? row.state }))
    .sort((a, b) => b.unanswered + b.unhelpful - (a.unanswered + a.unhelpful) || +b.lastAskedAt - +a.lastAskedAt);
}

/** Loads an open question of a site the actor curates, locked for this transaction. */
async function lockOpenQuestion(tx: Tx, actor: Principal | null, questionId: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    select id from "AskedQuestion" where id = ${questionId}::uuid for update`;
  if (!row) throw notFound();
  const question = await tx.askedQuestion.findUniqueOrThrow({
    where: { id: questionId },
    include: { site: { select: { id: true, orgId: true, name: true } } },
  });
  const role = await assertCan(actor, "qa.curate", { orgId: question.site.orgId }).catch(() => {
    throw notFound();
  });
  if (question.state !== "OPEN") throw conflict(text.notOpen);
  return { question, role };
}

/** 转为答问草稿: a new Q&A item in the site's unit, its question the title; the answer is written in the editor. */
export async function draftFromAskedQuestion(actor: Principal | null, input: unknown, context: Context = {}) {
  assertHoldsRoleFor(actor, "qa.curate");
  const { questionId } = parseInput(ZAskedId, input);
  return getDb().$transaction(async (tx) => {
    const { question, role } = await lockOpenQuestion(tx, actor, questionId);
    // The draft is a library item of the site's unit: only who may write there makes it.
    await assertCan(actor, "resource.create", { orgId: question.site.orgId });
    const title = question.text.slice(0, 200);
    const body: RichText = {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "（请填写答复口径）" }] }],
    };
    const metadata = ZRevisionMetadata.parse({
      source: { type: "original" },
      summary: `来自智能问答待办：群众提问 ${question.unanswered + question.unhelpful} 次未获解决。`,
    });
    const resource = await tx.resource.create({
      data: { kind: "QA", ownerOrgId: question.site.orgId, createdById: actor!.id, title, version: 1 },
    });
    await tx.revision.create({
      data: {
        resourceId: resource.id,
        number: 1,
        title,
        body,
        bodyHtml: renderBodyHtml(body),
        metadata,
        contentHash: computeContentHash({ title, body, metadata }),
        authorId: actor!.id,
      },
    });
    await tx.askedQuestion.update({
      where: { id: question.id },
      data: { state: "DRAFTED", resolvedById: actor!.id, resolvedAt: new Date(), resourceId: resource.id },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.ask.draft",
      subject: `asked:${question.id}`,
      data: { resourceId: resource.id, siteId: question.site.id, question: title },
      ...context,
    });
    return { resourceId: resource.id, title };
  });
}

/** 转为留言: a letter on the site's 咨询 type, from the 智能问答 channel, on that type's clock. */
export async function letterFromAskedQuestion(actor: Principal | null, input: unknown, context: Context = {}) {
  assertHoldsRoleFor(actor, "qa.curate");
  const { questionId } = parseInput(ZAskedId, input);
  const db = getDb();
  const calendar = await loadCalendar(db);
  // Nobody follows this letter with a password: its writer is unknown.
  const passwordHash = await hashLetterPassword(newLetterPassword());
  return db.$transaction(async (tx) => {
    const { question, role } = await lockOpenQuestion(tx, actor, questionId);
    const type = await tx.interactionType.findFirst({
      where: { siteId: question.site.id, category: "CONSULT", active: true },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    });
    if (!type) throw invalid(text.noLetterType);
    const now = new Date();
    const accept = dueAfterWorkingDays(calendar, now, type.acceptWorkingDays);
    const reply = type.replyHours
      ? dueAfterHours(now, type.replyHours)
      : type.replyWorkingDays
        ? dueAfterWorkingDays(calendar, now, type.replyWorkingDays)
        : null;
    const letter = await tx.letter.create({
      data: {
        siteId: question.site.id,
        typeId: type.id,
        queryCode: newQueryCode(now),
        passwordHash,
        title: question.text.slice(0, 100),
        content: `${question.text}\n\n（智能问答未能答复的群众提问，累计 ${question.unanswered + question.unhelpful} 次，最近一次 ${question.lastAskedAt.toISOString().slice(0, 10)}；提问人未知。）`,
        consentToPublish: false,
        channel: "ASK",
        externalRef: question.id,
        receivedAt: now,
        acceptDueAt: accept.dueAt,
        replyDueAt: reply?.dueAt ?? null,
        clock: newLetterClock(type, accept, reply),
        registeredById: actor!.id,
      },
    });
    await tx.askedQuestion.update({
      where: { id: question.id },
      data: { state: "LETTER", resolvedById: actor!.id, resolvedAt: now, letterId: letter.id },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.ask.letter",
      subject: `asked:${question.id}`,
      data: { letterId: letter.id, queryCode: letter.queryCode, letterType: type.name, siteId: question.site.id },
      ...context,
    });
    return { letterId: letter.id, queryCode: letter.queryCode };
  });
}

/** 忽略: the question leaves the open list (it is counted again if asked again, but stays dismissed). */
export async function dismissAskedQuestion(actor: Principal | null, input: unknown, context: Context = {}) {
  assertHoldsRoleFor(actor, "qa.curate");
  const { questionId } = parseInput(ZAskedId, input);
  return getDb().$transaction(async (tx) => {
    const { question, role } = await lockOpenQuestion(tx, actor, questionId);
    await tx.askedQuestion.update({
      where: { id: question.id },
      data: { state: "DISMISSED", resolvedById: actor!.id, resolvedAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.ask.dismiss",
      subject: `asked:${question.id}`,
      data: { siteId: question.site.id, question: question.text },
      ...context,
    });
    return { id: question.id };
  });
}
