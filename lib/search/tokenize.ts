// Chinese text → index terms, the same way for documents and queries (PostgreSQL engine).
//
// Intl.Segmenter (ICU) finds the word-like stretches: it breaks at punctuation, spaces and script
// changes, and keeps Latin words and numbers whole. ICU's dictionary words are not used as terms:
// it splits 先入库 as 先入|库 and 社保卡补办 into single characters, so a query segmented on its
// own would often not meet the document's segmentation. Instead each run of Han characters is
// indexed as overlapping character bigrams, plus its last character alone; a query run becomes
// the phrase of its bigrams (adjacent positions), which matches exactly where the run occurs in
// the text, whatever the words around it. A one-character query matches as a prefix.

const HAN = /\p{Script=Han}/u;
const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
/** ICU's word iterator slows down on very long strings; feed it sentences. */
const SENTENCE_END = /(?<=[。！？；\n])/u;

/** PostgreSQL limits: positions above 16383 are clamped, a lexeme keeps at most 256 positions. */
export const MAX_POSITION = 16_383;
export const MAX_POSITIONS_PER_TERM = 256;

export type Run = { text: string; han: boolean };

/** Word-like runs of the text: Han runs (consecutive Han segments joined) and other words, lower-cased. */
export function runs(text: string): Run[] {
  const out: Run[] = [];
  for (const sentence of text.normalize("NFKC").split(SENTENCE_END)) {
    let han = "";
    let lastEnd = -1;
    for (const segment of segmenter.segment(sentence)) {
      if (!segment.isWordLike) {
        if (han) out.push({ text: han, han: true });
        han = "";
        lastEnd = -1;
        continue;
      }
      if (HAN.test(segment.segment)) {
        // ICU may split a Han run into several words; they are adjacent, so join them back.
        if (han && lastEnd !== segment.index) {
          out.push({ text: han, han: true });
          han = "";
        }
        han += segment.segment;
        lastEnd = segment.index + segment.segment.length;
      } else {
        if (han) out.push({ text: han, han: true });
        han = "";
        lastEnd = -1;
        // Mixed segments (e.g. "30号" never happens in ICU, but "A股" may): split by script.
        for (const part of segment.segment.toLowerCase().match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []) {
          out.push({ text: part, han: HAN.test(part) });
        }
      }
    }
    if (han) out.push({ text: han, han: true });
  }
  return out;
}

/** Index terms of one run, in position order. */
export function runTerms(run: Run): string[] {
  if (!run.han) return [run.text];
  const chars = Array.from(run.text);
  const terms: string[] = [];
  for (let i = 0; i < chars.length - 1; i += 1) terms.push(chars[i]! + chars[i + 1]!);
  terms.push(chars.at(-1)!);
  return terms;
}

/** The terms of a text with their positions (1-based), runs separated by a gap of one position. */
export function termPositions(text: string, start = 1): { terms: Map<string, number[]>; next: number } {
  const terms = new Map<string, number[]>();
  let position = start;
  for (const run of runs(text)) {
    for (const term of runTerms(run)) {
      if (position > MAX_POSITION) return { terms, next: position };
      const list = terms.get(term);
      if (!list) terms.set(term, [position]);
      else if (list.length < MAX_POSITIONS_PER_TERM) list.push(position);
      position += 1;
    }
    position += 1;
  }
  return { terms, next: position };
}

function quote(term: string): string {
  return `'${term.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * A tsvector literal for weighted fields (A title and 文号, B summary, D body). Positions run on
 * across fields, so a phrase never spans two of them.
 */
export function tsvectorLiteral(fields: { text: string; weight: "A" | "B" | "C" | "D" }[]): string {
  const entries = new Map<string, string[]>();
  let next = 1;
  for (const field of fields) {
    const { terms, next: after } = termPositions(field.text, next);
    next = Math.min(after + 1, MAX_POSITION);
    for (const [term, positions] of terms) {
      const list = entries.get(term) ?? [];
      for (const position of positions) if (list.length < MAX_POSITIONS_PER_TERM) list.push(`${position}${field.weight === "D" ? "" : field.weight}`);
      entries.set(term, list);
    }
  }
  return [...entries].map(([term, positions]) => `${quote(term)}:${positions.join(",")}`).join(" ");
}

/** The tsquery of one run: its bigrams as a phrase; a single character as a prefix. */
export function runQuery(run: Run): string {
  if (!run.han) return quote(run.text);
  const chars = Array.from(run.text);
  if (chars.length === 1) return `${quote(chars[0]!)}:*`;
  const bigrams: string[] = [];
  for (let i = 0; i < chars.length - 1; i += 1) bigrams.push(quote(chars[i]! + chars[i + 1]!));
  return bigrams.length === 1 ? bigrams[0]! : `(${bigrams.join(" <-> ")})`;
}

/** Every run of the query must occur (AND); null when the query has no searchable text. */
export function textQuery(text: string): string | null {
  const parts = runs(text).map(runQuery);
  return parts.length ? parts.join(" & ") : null;
}

/** The searchable pieces of a query, for highlighting: its runs, longest first. */
export function queryTerms(text: string): string[] {
  return [...new Set(runs(text).map((run) => run.text))].sort((a, b) => b.length - a.length);
}
