import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/auth/authenticate";
import { consumeRateLimit } from "@/lib/auth/sign-in-throttle";
import { getEnv } from "@/lib/env";
import { conflict, invalid, notFound } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { validateAnswers, type Question } from "@/lib/interaction/consult/answers";
import { verifyPhoneCode } from "@/lib/interaction/consult/phone-code";
import {
  newParticipantCookie,
  participantKey,
  readFormToken,
  readParticipantCookie,
} from "@/lib/interaction/consult/tokens";

// A visitor's answers to an open activity (the public form; it works without JavaScript). One
// answer per participant: the form token's nonce is stored with the answer, so a replayed form is
// refused; the participant is the verified phone number (phone-verified activities) or the id the
// browser keeps after answering (others), stored only as a keyed hash, unique per activity; and one
// address may answer an activity CONSULT_ANSWERS_PER_ADDRESS times a day (shared office and
// campus networks stay usable). Someone who clears the browser's cookie can answer again from
// another address: an activity that must count people strictly requires phone verification.

const e = messages.consult.public.errors;

export type ResponseReceipt = { cookie: { value: string; expires: Date } | null };

function first(form: Record<string, string[]>, field: string): string {
  return form[field]?.[0] ?? "";
}

export async function submitResponse(
  consultationId: string,
  form: Record<string, string[]>,
  cookie: string | undefined,
  context: Partial<RequestContext> = {},
  now: Date = new Date(),
): Promise<ResponseReceipt> {
  const db = getDb();
  const consultation = await db.consultation.findFirst({
    where: { id: consultationId, state: "PUBLISHED" },
    include: { questions: { orderBy: { position: "asc" } } },
  });
  if (!consultation) throw notFound("未找到该征集调查。");
  if (now < consultation.opensAt || now >= consultation.closesAt) throw conflict(e.closed);
  if (first(form, "website")) throw invalid(e.token);
  const nonce = readFormToken(first(form, "token"), consultation.id, now);
  if (!nonce) throw invalid(e.token);
  const retry = await consumeRateLimit(
    "consult_answer",
    `${consultation.id}:${context.ip ?? "unknown"}`,
    getEnv().CONSULT_ANSWERS_PER_ADDRESS,
    86_400,
  );
  if (retry !== null) throw invalid(e.limit);
  const answers = validateAnswers(consultation.questions as Question[], form);

  let key: string;
  let newCookie: string | null = null;
  let phoneCodeId: string | null = null;
  if (consultation.participation === "PHONE") {
    const verified = await verifyPhoneCode(consultation.id, first(form, "phone"), first(form, "code"), now);
    key = verified.phoneKey;
    phoneCodeId = verified.codeId;
  } else {
    const known = readParticipantCookie(cookie, consultation.id);
    if (known) key = participantKey("browser", known, consultation.id);
    else {
      newCookie = newParticipantCookie(consultation.id);
      key = participantKey("browser", newCookie.split(".")[0]!, consultation.id);
    }
  }

  await db.$transaction(async (tx) => {
    if (await tx.consultationResponse.findUnique({ where: { formNonce: nonce }, select: { id: true } }))
      throw conflict(e.replayed);
    const previous = await tx.consultationResponse.findUnique({
      where: { consultationId_participantKey: { consultationId: consultation.id, participantKey: key } },
      select: { id: true },
    });
    if (previous) throw conflict(e.duplicate);
    if (phoneCodeId) {
      const { count } = await tx.consultationPhoneCode.updateMany({
        where: { id: phoneCodeId, usedAt: null },
        data: { usedAt: now },
      });
      if (count === 0) throw invalid(e.phone, { code: [e.phone] });
    }
    try {
      await tx.consultationResponse.create({
        data: {
          consultationId: consultation.id,
          participantKey: key,
          formNonce: nonce,
          answers: answers as Prisma.InputJsonValue,
          submittedAt: now,
        },
      });
    } catch (error) {
      if ((error as { code?: string }).code === "P2002") throw conflict(e.duplicate);
      throw error;
    }
    await recordAudit(tx, {
      actorId: null,
      action: "interaction.consultation.respond",
      subject: `consultation:${consultation.id}`,
      // Who answered and what stays out of the log; the answer row holds only a keyed hash.
      data: { title: consultation.title, answered: Object.keys(answers).length },
      ...context,
    });
  });
  return { cookie: newCookie ? { value: newCookie, expires: consultation.closesAt } : null };
}
