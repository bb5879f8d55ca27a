import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, can, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { invalid, notFound } from "@/lib/errors";
import { parseNestedInput } from "@/lib/validation/parse";
import { ZCreateConsultation } from "@/lib/interaction/consult/schemas";
import { getSmsSender } from "@/lib/interaction/consult/sms";
import { messages } from "@/lib/i18n/zh-CN";

// A new 征集调查, not yet public: a consultation on a draft (the draft must be a published library
// item, so the public reads exactly what was reviewed) or a survey, with its questions, times,
// participation and the column of the site it is published to.

/** Columns an activity may be published to: those that list items (not links, search or single pages). */
const COLUMN_KINDS = ["LIST", "INTERACTION", "TOPIC"] as const;

/** Asked when a consultation on a draft has no questions of its own. */
export const DEFAULT_OPINION_PROMPT = "您对征求意见稿的意见和建议";

/** The form, with each question's problem beside its own field and named by its number in the headline. */
function parseForm(input: unknown) {
  const parsed = ZCreateConsultation.safeParse(input);
  if (parsed.success) return parsed.data;
  const [section, index] = parsed.error.issues[0]?.path ?? [];
  const number = section === "questions" && typeof index === "number" ? index + 1 : null;
  return parseNestedInput(ZCreateConsultation, input, {
    message: (first) => (number ? `第 ${number} 题：${first}` : first),
  });
}

export async function createConsultation(
  actor: Principal | null,
  input: unknown,
  context: Partial<RequestContext> = {},
  now: Date = new Date(),
) {
  const form = parseForm(input);
  const db = getDb();
  const site = await db.site.findUnique({ where: { id: form.siteId }, select: { id: true, orgId: true } });
  if (!site || !(await can(actor, "consultation.view", { orgId: site.orgId }))) throw notFound();
  const role = await assertCan(actor, "consultation.manage", { orgId: site.orgId });
  const column = await db.column.findFirst({
    where: { id: form.columnId, siteId: site.id, kind: { in: [...COLUMN_KINDS] } },
  });
  if (!column) throw invalid("请选择本网站的信息列表类栏目。", { columnId: ["请选择本网站的信息列表类栏目"] });
  if (form.closesAt <= now) throw invalid("结束时间已过，请重新填写。", { closesAt: ["结束时间应晚于当前时间"] });
  if (form.participation === "PHONE" && !getSmsSender()) {
    const message = "本平台未配置短信发送服务（SMS_SENDER），不能要求手机验证。";
    throw invalid(message, { participation: [message] });
  }
  if (form.kind === "DRAFT") {
    const published = await db.publication.count({
      where: {
        resourceId: form.draftResourceId!,
        withdrawnAt: null,
        supersededAt: null,
        resource: { trashedAt: null },
      },
    });
    if (!published) {
      const message = "征求意见稿须是资源库中已审核发布的稿件。";
      throw invalid(message, { draftResourceId: [message] });
    }
  }
  const questions = form.questions.length
    ? form.questions
    : [{ prompt: DEFAULT_OPINION_PROMPT, kind: "TEXT" as const, required: true, options: [], ratingMax: undefined }];
  return db.$transaction(async (tx) => {
    const created = await tx.consultation.create({
      data: {
        siteId: site.id,
        columnId: column.id,
        kind: form.kind,
        title: form.title,
        intro: form.intro,
        draftResourceId: form.kind === "DRAFT" ? form.draftResourceId! : null,
        opensAt: form.opensAt,
        closesAt: form.closesAt,
        participation: form.participation,
        createdById: actor!.id,
        questions: {
          create: questions.map((question, position) => ({
            position,
            kind: question.kind,
            prompt: question.prompt,
            required: question.required,
            options: question.kind === "SINGLE" || question.kind === "MULTIPLE" ? question.options : [],
            ratingMax: question.kind === "RATING" ? (question.ratingMax ?? 5) : null,
          })),
        },
      },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.consultation.create",
      subject: `consultation:${created.id}`,
      data: {
        title: created.title,
        kind: messages.consult.kinds[created.kind],
        opensAt: created.opensAt.toISOString(),
        closesAt: created.closesAt.toISOString(),
        participation: created.participation,
        questions: questions.length,
      },
      ...context,
    });
    return created;
  });
}
