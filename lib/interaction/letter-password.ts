import { createHmac, timingSafeEqual } from "node:crypto";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { getEnv } from "@/lib/env";

// The password a writer follows a letter with is drawn by the server (8 characters of a 31-letter
// alphabet, ≈ 40 bits), not chosen by a person, and guessing it online is held to
// INTERACTION_LOOKUPS_PER_HOUR an address. A slow hash (argon2, as for staff passwords) defends a
// human choice against offline guessing; for a drawn secret a keyed hash does that job at a
// fraction of the cost: HMAC-SHA256 under a key derived from AUTH_SECRET, which the database does
// not hold, so a copy of the database alone gives nothing to guess against. (argon2 cost 12 ms of
// CPU per letter and per look-up on the bench machine: see docs/benchmarks.md, bench:interaction.)
// Changing AUTH_SECRET makes existing letter passwords unusable, as it does sessions and 2FA secrets.
// Hashes written by argon2 (letters taken before this, or without AUTH_SECRET) still verify.

const PREFIX = "hmac-sha256:";

function key(): string | null {
  const base = getEnv().AUTH_SECRET;
  return base ? createHmac("sha256", base).update("tongyuan:letter-password:v1").digest("hex") : null;
}

const mac = (secret: string, password: string) => createHmac("sha256", secret).update(password).digest();

/** The stored form of a letter's password: keyed HMAC when AUTH_SECRET is set, argon2 otherwise. */
export async function hashLetterPassword(password: string): Promise<string> {
  const secret = key();
  return secret ? PREFIX + mac(secret, password).toString("hex") : hashPassword(password);
}

/** Whether `password` is the one `stored` was made from (either form). */
export async function verifyLetterPassword(stored: string, password: string): Promise<boolean> {
  if (!stored.startsWith(PREFIX)) return verifyPassword(stored, password);
  const secret = key();
  if (!secret) return false;
  const expected = Buffer.from(stored.slice(PREFIX.length), "hex");
  const actual = mac(secret, password);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
