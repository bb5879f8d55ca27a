import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { zText } from "@/lib/validation/text";
import { admitLookupFrom } from "@/lib/interaction/intake-limit";
import { hashLetterPassword, verifyLetterPassword } from "@/lib/interaction/letter-password";

// The writer follows a letter with its 查询码 and password. A wrong code and a wrong password get
// the same answer after the same work (a hash of a dummy), so the answer tells nothing about which
// codes exist; guesses count against the address (INTERACTION_LOOKUPS_PER_HOUR).

export const ZLetterCredentials = z.object({
  queryCode: zText({ singleLine: true })
    .trim()
    .transform((value) => value.replace(/\s/g, "").toUpperCase())
    .pipe(z.string().regex(/^\d{8}[A-Z2-9]{6}$/, "查询码为 8 位数字加 6 位字母或数字")),
  password: zText({ singleLine: true })
    .trim()
    .transform((value) => value.toUpperCase())
    .pipe(z.string().regex(/^[A-Z2-9]{8}$/, "密码为 8 位字母或数字")),
});

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashLetterPassword("tongyuan-timing-equaliser"));

export const WRONG_CREDENTIALS = "查询码或密码不正确。";

/** The letter the credentials open, or a refusal; `siteId` keeps each site's letters to itself. */
export async function findLetterByCredentials(siteId: string, input: unknown, ip: string | null) {
  const { queryCode, password } = parseInput(ZLetterCredentials, input);
  await admitLookupFrom(ip);
  const letter = await getDb().letter.findUnique({ where: { queryCode } });
  const matches = await verifyLetterPassword(letter?.passwordHash ?? (await dummyHash()), password);
  if (!letter || !matches || letter.siteId !== siteId)
    throw invalid(WRONG_CREDENTIALS, { password: [WRONG_CREDENTIALS] });
  return letter;
}
