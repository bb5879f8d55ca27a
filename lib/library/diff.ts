import { diffArrays } from "diff";

// Readable diffs of Chinese text: lines are far too coarse (a paragraph is one line), so text is
// cut into words with the ICU segmenter built into Node (Intl.Segmenter), and runs of words are
// compared.

export type DiffSegment = { type: "equal" | "added" | "removed"; text: string };

const segmenter = new Intl.Segmenter("zh-CN", { granularity: "word" });

export function tokenize(text: string): string[] {
  return Array.from(segmenter.segment(text), (segment) => segment.segment);
}

export function diffText(before: string, after: string): DiffSegment[] {
  const segments: DiffSegment[] = [];
  for (const part of diffArrays(tokenize(before), tokenize(after))) {
    const type = part.added ? "added" : part.removed ? "removed" : "equal";
    const text = part.value.join("");
    const last = segments[segments.length - 1];
    if (last && last.type === type) last.text += text;
    else if (text) segments.push({ type, text });
  }
  return segments;
}
