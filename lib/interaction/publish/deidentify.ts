import { PERSONAL_DATA_KINDS, runPrechecks } from "@/lib/review/prechecks";

// 留言选登 de-identification: the spans of a letter's text that identify a person (the writer's own
// name, phone, ID number and e-mail, and whatever the review pre-check detectors read as personal
// data: ID numbers, mobile numbers, bank cards, addresses, plate numbers), and the masking of
// every occurrence of the strings the handler confirmed.

export type PersonalSpan = { start: number; end: number; text: string; label: string };
/** What a letter knows of its writer; a message from another channel may carry no name or phone. */
export type Writer = { name: string | null; phone: string | null; idNumber?: string | null; email?: string | null };

const LABELS: Record<string, string> = {
  resident_id: "身份证号码",
  mobile_number: "手机号码",
  bank_card: "银行卡号",
  home_address: "详细住址",
  plate_number: "车牌号码",
};

function occurrences(text: string, needle: string, label: string): PersonalSpan[] {
  const spans: PersonalSpan[] = [];
  if (!needle) return spans;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
    spans.push({ start: at, end: at + needle.length, text: needle, label });
  }
  return spans;
}

/** Where the writer's own name, phone, ID number and e-mail occur in `text`. */
export function findWriterData(text: string, writer: Writer): PersonalSpan[] {
  return [
    ...occurrences(text, writer.name?.trim() ?? "", "来信人姓名"),
    ...occurrences(text, writer.phone?.trim() ?? "", "来信人电话"),
    ...occurrences(text, writer.idNumber?.trim() ?? "", "来信人证件号码"),
    ...occurrences(text, writer.email?.trim() ?? "", "来信人邮箱"),
  ];
}

/** The personal data found in `text`, sorted, overlaps merged into the longer span. */
export function findPersonalData(text: string, writer: Writer): PersonalSpan[] {
  const detected = runPrechecks(text)
    .filter((finding) => PERSONAL_DATA_KINDS.includes(finding.kind))
    .map((finding) => ({ start: finding.start, end: finding.end, text: finding.text, label: LABELS[finding.kind]! }));
  const own = findWriterData(text, writer);
  const sorted = [...own, ...detected].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: PersonalSpan[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start < last.end) {
      if (span.end > last.end)
        merged[merged.length - 1] = { ...last, end: span.end, text: text.slice(last.start, span.end) };
      continue;
    }
    merged.push(span);
  }
  return merged;
}

/** Every occurrence of each mask replaced by ＊ (longest first, so a name inside a longer mask is covered). */
export function applyMasks(text: string, masks: string[]): string {
  let result = text;
  for (const mask of [...new Set(masks.filter(Boolean))].sort((a, b) => b.length - a.length)) {
    result = result.split(mask).join("＊".repeat([...mask].length));
  }
  return result;
}

export type Segment = { text: string; span?: PersonalSpan };

/** `text` cut at the spans, for highlighting them. */
export function segmentText(text: string, spans: PersonalSpan[]): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start > at) segments.push({ text: text.slice(at, span.start) });
    segments.push({ text: text.slice(span.start, span.end), span });
    at = span.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}
