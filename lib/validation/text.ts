import { z } from "zod";

// One rule for free text at every boundary: no control characters. PostgreSQL refuses NUL in
// text and jsonb (a NUL reaching a query is a 500), and the other C0/C1 controls and DEL have no
// place in titles, names, filters or file names. Tab, line feed and carriage return stay allowed
// (textareas send them); `{ singleLine: true }` refuses them too.

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f-\u009f]/u;

export const CONTROL_CHARACTER_MESSAGE = "内容含有不允许的控制字符。";

/** Whether a string holds a character no boundary accepts (line breaks and tabs allowed). */
export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/**
 * The shared free-text schema. `zText()` is a `z.string()` that refuses control characters, so
 * the usual `.trim().min().max()` chain applies.
 */
export function zText(options: { singleLine?: boolean; message?: string } = {}) {
  const pattern = options.singleLine ? CONTROL_OR_BREAK : CONTROL;
  return z.string().refine((value) => !pattern.test(value), { message: options.message ?? CONTROL_CHARACTER_MESSAGE });
}

/** Whether every string (keys included) in a JSON-like value is free of control characters. */
export function isCleanJson(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === "string") return !CONTROL.test(value);
  if (Array.isArray(value)) return value.every((entry) => isCleanJson(entry, depth + 1));
  if (value && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).every(
      ([key, entry]) => !CONTROL.test(key) && isCleanJson(entry, depth + 1),
    );
  }
  return true;
}

/** A calendar day written YYYY-MM-DD that exists (no 2026-02-30, no 9999-99-99). */
export function zIsoDay(message = "日期格式应为 YYYY-MM-DD") {
  return z.string().refine(
    (value) => {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (!match) return false;
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const date = new Date(Date.UTC(year, month - 1, day));
      return (
        year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
      );
    },
    { message },
  );
}
