import { randomBytes, randomInt } from "node:crypto";

/** 16 characters from upper, lower and digits (and one '-'), so it meets the password policy. */
export function generatePassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const body = Array.from(randomBytes(12), (byte) => alphabet[byte % alphabet.length]).join("");
  return `Ty${randomInt(10, 99)}-${body}`;
}
