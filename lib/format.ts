// Times on government pages are shown in China Standard Time (UTC+8, no daylight saving) as
// YYYY-MM-DD HH:MM, the form national monitoring reads (PubDate meta tag).
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

function cstParts(date: Date) {
  const shifted = new Date(date.getTime() + CST_OFFSET_MS);
  const pad = (value: number) => String(value).padStart(2, "0");
  return {
    date: `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`,
    time: `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`,
  };
}

export function formatDateTime(date: Date): string {
  const parts = cstParts(date);
  return `${parts.date} ${parts.time}`;
}

export function formatDate(date: Date): string {
  return cstParts(date).date;
}

/** "2021-08-10" → "2021年08月10日", as 成文日期 is written on government pages. */
export function formatChineseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${year}年${month}月${day}日`;
}

/**
 * A date-time typed in a form (`2026-12-01T09:30`, no zone) is China time; values with a zone or
 * offset keep it. Invalid input gives an invalid Date, for the caller's validation to refuse.
 */
export function parseChinaDateTime(value: string): Date {
  const trimmed = value.trim();
  return new Date(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(trimmed) ? `${trimmed}+08:00` : trimmed);
}

/** The value of a datetime-local input for `date`, in China time. */
export function toChinaDateTimeInput(date: Date): string {
  const parts = cstParts(date);
  return `${parts.date}T${parts.time}`;
}
