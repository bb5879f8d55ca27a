import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { createCaptchaChallenge } from "@/lib/interaction/captcha";
import { submitLetter, type LetterFile } from "@/lib/interaction/submit-letter";

// Letters written as a visitor would: the captcha is solved for real (set INTERACTION_CAPTCHA_COST
// and INTERACTION_CAPTCHA_MAX_COUNTER small in the test file, before anything reads the environment).

export async function solvedCaptcha(): Promise<string> {
  const challenge = await createCaptchaChallenge();
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("challenge not solved");
  return Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");
}

let address = 0;

/** A letter of `type` on the site, from an address of its own; returns the writer's receipt. */
export async function writeLetter(
  siteId: string,
  change: Record<string, string> = {},
  now?: Date,
  files: LetterFile[] = [],
) {
  return submitLetter(
    siteId,
    {
      type: "complaint",
      title: "小区门口占道经营",
      content: "沙坪坝区某小区门口每天傍晚有摊贩占道经营，影响通行，联系人王五，电话 13912345678。",
      writerName: "王五",
      writerPhone: "13912345678",
      consentToPublish: "yes",
      privacyAccepted: "yes",
      captcha: await solvedCaptcha(),
      ...change,
    },
    files,
    { ip: `198.51.100.${++address % 250}` },
    now,
  );
}
