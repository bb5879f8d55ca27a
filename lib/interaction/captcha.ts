import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { createChallenge, randomInt, verifySolution, type Challenge, type Solution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import type { Tx } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { invalid } from "@/lib/errors";

// The letter form's captcha: altcha's proof of work, self-hosted (no third party sees the visitor,
// nothing is stored in the browser). The server signs a challenge; the browser finds the hidden
// counter (PBKDF2/SHA-256, INTERACTION_CAPTCHA_COST iterations a try) and sends the solution with
// the form. A challenge is good for 10 minutes and for one letter: its id is recorded when used,
// in the letter's own transaction, so a replayed solution is refused.

const ALGORITHM = "PBKDF2/SHA-256";
const LIFETIME_SECONDS = 600;
export const CAPTCHA_REFUSED = "人机验证未通过或已过期，请重新完成验证后提交。";

const fallbackKey = randomBytes(32).toString("hex");

function secret(purpose: string): string {
  const base = getEnv().AUTH_SECRET;
  return base
    ? createHmac("sha256", base).update(`tongyuan:interaction-captcha:${purpose}:v1`).digest("hex")
    : fallbackKey + purpose;
}

/** A new signed challenge, as the altcha widget fetches it. */
export async function createCaptchaChallenge(now: Date = new Date()): Promise<Challenge> {
  const env = getEnv();
  const max = env.INTERACTION_CAPTCHA_MAX_COUNTER;
  return createChallenge({
    algorithm: ALGORITHM,
    cost: env.INTERACTION_CAPTCHA_COST,
    counter: randomInt(Math.floor(max / 2), max),
    deriveKey,
    data: { challengeId: randomUUID() },
    expiresAt: new Date(now.getTime() + LIFETIME_SECONDS * 1000),
    hmacSignatureSecret: secret("challenge"),
    hmacKeySignatureSecret: secret("key"),
  });
}

type Payload = { challenge: Challenge; solution: Solution };

function parsePayload(value: string): Payload | null {
  if (value.length > 8_000) return null;
  try {
    const payload = JSON.parse(Buffer.from(value, "base64").toString("utf8")) as unknown;
    if (!payload || typeof payload !== "object") return null;
    const { challenge, solution } = payload as Partial<Payload>;
    if (!challenge?.parameters || typeof challenge.parameters !== "object" || !solution) return null;
    if (typeof challenge.parameters.data?.challengeId !== "string") return null;
    return { challenge, solution };
  } catch {
    return null;
  }
}

export type CheckedCaptcha = { challengeId: string; expiresAt: Date };

/**
 * Checks the widget's payload (base64 JSON of challenge and solution): signature, expiry and the
 * proof of work. Anything wrong — unparsable, forged, expired, wrong solution — is the same
 * refusal, so the message tells a bot nothing. No database work: call it before a transaction.
 */
export async function checkCaptcha(value: string): Promise<CheckedCaptcha> {
  const payload = parsePayload(value);
  if (!payload) throw invalid(CAPTCHA_REFUSED, { captcha: [CAPTCHA_REFUSED] });
  let verified = false;
  try {
    const result = await verifySolution({
      challenge: payload.challenge,
      solution: payload.solution,
      deriveKey,
      hmacSignatureSecret: secret("challenge"),
      hmacKeySignatureSecret: secret("key"),
    });
    verified = result.verified && payload.challenge.parameters.algorithm === ALGORITHM;
  } catch {
    verified = false;
  }
  if (!verified) throw invalid(CAPTCHA_REFUSED, { captcha: [CAPTCHA_REFUSED] });
  return {
    challengeId: String(payload.challenge.parameters.data!.challengeId),
    expiresAt: new Date((payload.challenge.parameters.expiresAt ?? 0) * 1000),
  };
}

/** Records a checked challenge as used in `tx`; one used before is refused like a wrong one. */
export async function markCaptchaUsed(tx: Tx, { challengeId, expiresAt }: CheckedCaptcha): Promise<void> {
  const inserted = await tx.$executeRaw`
    insert into "CaptchaUse" ("challengeId", "expiresAt") values (${challengeId}, ${expiresAt})
    on conflict ("challengeId") do nothing`;
  if (inserted === 0) throw invalid(CAPTCHA_REFUSED, { captcha: [CAPTCHA_REFUSED] });
  // Used challenges matter only until they expire; the table stays as small as an hour's letters.
  await tx.captchaUse.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - 3_600_000) } } });
}

/** checkCaptcha and markCaptchaUsed in one, for a caller whose transaction does little else. */
export async function consumeCaptcha(tx: Tx, value: string): Promise<void> {
  await markCaptchaUsed(tx, await checkCaptcha(value));
}
