import { getDb } from "@/lib/db/client";
import { invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { admitLookupFrom } from "@/lib/interaction/intake-limit";
import { hashLetterPassword, verifyLetterPassword } from "@/lib/interaction/letter-password";
import { ZCredentials } from "@/lib/disclosure/schemas";

// The applicant follows a request with its tracking code and password, as a letter's writer does
// (lib/interaction/find-letter.ts): a wrong code and a wrong password get the same answer after the
// same work, and guesses count against the address.

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashLetterPassword("tongyuan-disclosure-timing-equaliser"));

export const WRONG_CREDENTIALS = "申请编号或查询密码不正确。";

/** The request the credentials open; `siteId` (when given) keeps each site's requests to itself. */
export async function findRequestByCredentials(siteId: string | null, input: unknown, ip: string | null) {
  const { trackingCode, password } = parseInput(ZCredentials, input);
  await admitLookupFrom(ip);
  const request = await getDb().disclosureRequest.findUnique({ where: { trackingCode } });
  const matches = await verifyLetterPassword(request?.passwordHash ?? (await dummyHash()), password);
  if (!request || !matches || (siteId !== null && request.siteId !== null && request.siteId !== siteId))
    throw invalid(WRONG_CREDENTIALS, { password: [WRONG_CREDENTIALS] });
  return request;
}
