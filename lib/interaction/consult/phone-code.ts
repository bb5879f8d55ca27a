import { randomInt } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/auth/authenticate";
import { consumeRateLimit } from "@/lib/auth/sign-in-throttle";
import { conflict, invalid, notFound } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { normalizePhone } from "@/lib/interaction/writer-fields";
import { getSmsSender } from "@/lib/interaction/consult/sms";
import { codeHash, participantKey, sameCodeHash } from "@/lib/interaction/consult/tokens";

// Phone verification for activities that require it: a six-digit code, good for 10 minutes and five
// tries, sent through the configured SMS sender. Codes one address may ask for an hour and one
// number may receive an hour are limited, so the form cannot be used to flood a phone. Only the
// number's keyed hash is stored.

const CODE_MINUTES = 10;
const MAX_TRIES = 5;
const e = messages.consult.public.errors;
/** Mainland mobile numbers: codes go by SMS. */
const MOBILE = /^1[3-9]\d{9}$/;

function mobileOf(value: string): string {
  const phone = normalizePhone(value.trim());
  if (!MOBILE.test(phone)) throw invalid(e.phoneFormat, { phone: [e.phoneFormat] });
  return phone;
}

export async function sendPhoneCode(
  consultationId: string,
  input: { phone?: string },
  context: Partial<RequestContext> = {},
  now: Date = new Date(),
) {
  const db = getDb();
  const consultation = await db.consultation.findFirst({
    where: { id: consultationId, state: "PUBLISHED", participation: "PHONE" },
    include: { site: { select: { name: true } } },
  });
  if (!consultation) throw notFound("未找到该征集调查。");
  if (now < consultation.opensAt || now >= consultation.closesAt) throw conflict(e.closed);
  const phone = mobileOf(input.phone ?? "");
  const sender = getSmsSender();
  if (!sender) throw conflict(e.smsOff);
  const phoneKey = participantKey("phone", phone, consultation.id);
  const byAddress = await consumeRateLimit("consult_code_address", context.ip ?? "unknown", 10, 3600);
  const byPhone = await consumeRateLimit("consult_code_phone", phoneKey, 3, 3600);
  if (byAddress !== null || byPhone !== null) throw invalid(e.limit);
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await db.$transaction(async (tx) => {
    await tx.consultationPhoneCode.create({
      data: {
        consultationId: consultation.id,
        phoneKey,
        codeHash: codeHash(consultation.id, phoneKey, code),
        expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
        createdAt: now,
      },
    });
    await recordAudit(tx, {
      actorId: null,
      action: "interaction.consultation.phone_code",
      subject: `consultation:${consultation.id}`,
      data: { title: consultation.title, sender: sender.name },
      ...context,
    });
  });
  // Stored first, sent second: a failed send leaves an unusable code, never a usable unsent one.
  await sender.send(
    phone,
    `【${consultation.site.name}】您参与“${consultation.title}”的验证码为 ${code}，${CODE_MINUTES} 分钟内有效。如非本人操作请忽略。`,
  );
}

/**
 * The participant key of a phone whose newest code for the activity is `code`, unexpired and
 * unused; counts a wrong try. The caller marks the code used in the answer's own transaction.
 */
export async function verifyPhoneCode(consultationId: string, phoneInput: string, code: string, now: Date) {
  if (!phoneInput.trim()) throw invalid(e.phoneRequired, { phone: [e.phoneRequired] });
  const phone = mobileOf(phoneInput);
  const phoneKey = participantKey("phone", phone, consultationId);
  const db = getDb();
  const latest = await db.consultationPhoneCode.findFirst({
    where: { consultationId, phoneKey, usedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
  });
  if (!latest || !/^\d{6}$/.test(code.trim())) throw invalid(e.phone, { code: [e.phone] });
  const { count } = await db.consultationPhoneCode.updateMany({
    where: { id: latest.id, attempts: { lt: MAX_TRIES } },
    data: { attempts: { increment: 1 } },
  });
  if (count === 0 || !sameCodeHash(latest.codeHash, codeHash(consultationId, phoneKey, code.trim())))
    throw invalid(e.phone, { code: [e.phone] });
  return { phoneKey, codeId: latest.id };
}
