import { randomInt } from "node:crypto";
import { chinaToday } from "@/lib/time/china";

// What a writer follows a letter with: a 查询码 that names it and a password that proves it is
// theirs. Both are read from a screen and typed back, so the alphabet leaves out characters that
// look alike (0/O, 1/I/L). The code is not secret; the password is, and only its hash is kept.

export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_RANDOM_LENGTH = 6;
const PASSWORD_LENGTH = 8;

function randomText(length: number): string {
  let text = "";
  for (let i = 0; i < length; i += 1) text += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return text;
}

/** "20261206" + 6 random characters: the day the letter came in (China time), then a random part. */
export function newQueryCode(now: Date = new Date()): string {
  return `${chinaToday(now).replaceAll("-", "")}${randomText(CODE_RANDOM_LENGTH)}`;
}

/** 8 characters from a 31-letter alphabet (≈ 40 bits), checked against its argon2 hash. */
export function newLetterPassword(): string {
  return randomText(PASSWORD_LENGTH);
}

export const QUERY_CODE_PATTERN = new RegExp(`^\\d{8}[${CODE_ALPHABET}]{${CODE_RANDOM_LENGTH}}$`);

/** What a writer typed, made comparable: spaces dropped, upper case. */
export function normalizeQueryCode(value: string): string {
  return value.replace(/\s/g, "").toUpperCase();
}
