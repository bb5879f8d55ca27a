import { formatChinaDate, formatChinaDateTime, formatChineseDay } from "@/lib/time/china";

// Display helpers. Times are China time, from the one module that owns it (lib/time/china.ts).
export { parseChinaDateTime, toChinaDateTimeInput } from "@/lib/time/china";

/** "2026-12-06 09:45" in China time, as government pages show a time (PubDate). */
export function formatDateTime(date: Date): string {
  return formatChinaDateTime(date);
}

/** "2026-12-06" in China time. */
export function formatDate(date: Date): string {
  return formatChinaDate(date);
}

/** "2021-08-10" → "2021年08月10日", as 成文日期 is written on government pages. */
export const formatChineseDate = formatChineseDay;
