import { expect, vi } from "vitest";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { getDb } from "@/lib/db/client";
import { DomainError, type ErrorCode } from "@/lib/errors";
import type { Actor } from "@/lib/auth/session";
import { createCaptchaChallenge } from "@/lib/interaction/captcha";
import { submitLetter, type LetterFile } from "@/lib/interaction/submit-letter";
import { acceptLetter } from "@/lib/interaction/handling/accept-letter";
import { assignLetter } from "@/lib/interaction/handling/assign-letter";
import { saveReply } from "@/lib/interaction/handling/save-reply";
import { submitReply } from "@/lib/interaction/handling/submit-reply";
import { reviewReply } from "@/lib/interaction/handling/review-reply";
import { actorFor, fileDb, makeUser } from "../helpers";

// Letters written as a visitor would: the captcha is solved for real (set INTERACTION_CAPTCHA_COST
// and INTERACTION_CAPTCHA_MAX_COUNTER small in the test file, before anything reads the environment);
// the staff who handle them, the steps up to an approved reply, and a fixed China clock.

export async function solvedCaptcha(): Promise<string> {
  const challenge = await createCaptchaChallenge();
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("challenge not solved");
  return Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");
}

/** The letter form as a visitor fills it (a 投诉), the captcha solved; `change` overrides any field. */
export async function letterForm(change: Record<string, string> = {}) {
  return {
    type: "complaint",
    title: "小区门口占道经营",
    content: "沙坪坝区某小区门口每天傍晚有摊贩占道经营，影响通行，联系人王五，电话 13912345678。",
    writerName: "王五",
    writerPhone: "13912345678",
    consentToPublish: "yes",
    privacyAccepted: "yes",
    captcha: await solvedCaptcha(),
    ...change,
  };
}

let address = 0;

/** A letter of `type` on the site, from an address of its own; returns the writer's receipt. */
export async function writeLetter(
  siteId: string,
  change: Record<string, string> = {},
  now?: Date,
  files: LetterFile[] = [],
) {
  return submitLetter(siteId, await letterForm(change), files, { ip: `198.51.100.${++address % 250}` }, now);
}

export async function letterOf(queryCode: string) {
  return getDb().letter.findUniqueOrThrow({ where: { queryCode } });
}

/** A domain refusal with `code` and a Chinese message; returns it for further checks. */
export async function refused(work: () => Promise<unknown>, code: ErrorCode): Promise<DomainError> {
  const error = await work().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  expect((error as DomainError).message).toMatch(/[\u4e00-\u9fff]/);
  return error as DomainError;
}

/** A China wall-clock time ("2026-09-30T10:00:00") as a Date. */
export const at = (chinaTime: string) => new Date(`${chinaTime}+08:00`);

/** Runs `work` as if it were `chinaTime` (only Date is faked: timers and the database run normally). */
export async function on<T>(chinaTime: string, work: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"], now: at(chinaTime) });
  try {
    return await work();
  } finally {
    vi.useRealTimers();
  }
}

/** The file's demo platform: the district site (and the other site), its 留言办理员 and 直接责任人. */
export async function letterSite() {
  const db = await fileDb();
  const sites = await db.site.findMany({ orderBy: { position: "asc" } });
  const [handler, deputy] = await Promise.all([actorFor("handler"), actorFor("deputy")]);
  return { siteId: sites[0]!.id, otherSiteId: sites[1]!.id, handler, deputy };
}

/**
 * Handlers for the refusals: one of the district's 政务公开科 (a section: it sees only letters sent
 * to it) and one of another host unit (it sees none of the district's).
 */
export async function letterStaff() {
  const sectionHandler = await makeUser("section-handler", "INTERACTION_HANDLER", "区政府办公室政务公开科");
  const otherUnitHandler = await makeUser("culture-handler", "INTERACTION_HANDLER", "重庆市文化和旅游发展委员会");
  return { sectionHandler, otherUnitHandler };
}

type Answering = {
  handler: Actor;
  /** Who drafts and submits the reply (the lead unit's handler); the accepting handler by default. */
  drafter?: Actor;
  reviewer: Actor;
  /** The lead unit the letter is sent to. */
  unitId: string;
  body?: string;
};

/**
 * 受理 → 转办 to `unitId` as lead → reply drafted, submitted and approved; returns the answered
 * letter. Wrap it in `on(…)` to take every step at a fixed time.
 */
export async function answerLetter(letterId: string, steps: Answering) {
  const { handler, drafter = handler, reviewer, unitId } = steps;
  const { version } = await getDb().letter.findUniqueOrThrow({ where: { id: letterId } });
  await acceptLetter(handler, { letterId, version });
  await assignLetter(handler, { letterId, version: version + 1, unitIds: [unitId], leadUnitId: unitId });
  await saveReply(drafter, {
    letterId,
    version: version + 2,
    body: steps.body ?? "经核查，已责成街道清理占道经营，感谢您的监督。",
  });
  await submitReply(drafter, { letterId, version: version + 3 });
  await reviewReply(reviewer, { letterId, version: version + 4, decision: "APPROVE" });
  return getDb().letter.findUniqueOrThrow({ where: { id: letterId } });
}
