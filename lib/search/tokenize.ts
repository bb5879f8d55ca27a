// Chinese text → index terms, the same way for documents and queries (PostgreSQL engine).
//
// Han text is indexed as overlapping character bigrams (as Lucene's CJK analyzer does), plus the
// last character of each run alone; a query run becomes the phrase of its bigrams (adjacent
// positions), which matches exactly where the run occurs in the text, whatever the words around
// it. Dictionary segmentation was tried first: ICU (Intl.Segmenter) splits 先入库 as 先入|库 and
// 社保卡补办 into single characters, so a query segmented on its own often missed the document's
// segmentation, and it segmented only ~300,000 characters a second here. Text that is not Han
// (Latin words, numbers) is split into words by Intl.Segmenter, lower-cased, and each word is
// indexed as bigrams the same way, so part of a number or word is found too (02 in 2021, as
// `position(q in body)` would). A one-character query matches as a prefix.

const HAN = /\p{Script=Han}/u;
/** Han runs, and stretches of anything else (split into words below). */
const PIECES = /\p{Script=Han}+|[^\p{Script=Han}]+/gu;
const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/** PostgreSQL limits: positions above 16383 are clamped, a lexeme keeps at most 256 positions. */
export const MAX_POSITION = 16_383;
export const MAX_POSITIONS_PER_TERM = 256;

export type Run = { text: string; han: boolean };

/** Word-like runs of the text, in order: Han runs, and other words lower-cased. */
export function runs(text: string): Run[] {
  const out: Run[] = [];
  for (const piece of text.normalize("NFKC").match(PIECES) ?? []) {
    if (HAN.test(piece)) {
      out.push({ text: piece, han: true });
      continue;
    }
    // Only letters and digits make words; punctuation and spaces separate runs.
    if (!/[\p{L}\p{N}]/u.test(piece)) continue;
    for (const segment of segmenter.segment(piece)) {
      if (segment.isWordLike) out.push({ text: segment.segment.toLowerCase(), han: false });
    }
  }
  return out;
}

/** Index terms of one run, in position order. */
export function runTerms(run: Run): string[] {
  const chars = Array.from(run.text);
  const terms: string[] = [];
  for (let i = 0; i < chars.length - 1; i += 1) terms.push(chars[i]! + chars[i + 1]!);
  terms.push(chars.at(-1)!);
  return terms;
}

function quote(term: string): string {
  if (term.indexOf("'") < 0 && term.indexOf("\\") < 0) return `'${term}'`;
  return `'${term.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * A tsvector literal for weighted fields (A title and 文号, B summary, D body). Positions run on
 * across fields, so a phrase never spans two of them.
 */
export function tsvectorLiteral(fields: { text: string; weight: "A" | "B" | "C" | "D" }[]): string {
  // term → its positions so far, as literal text, and how many.
  const entries = new Map<string, { text: string; count: number }>();
  let position = 1;
  for (const field of fields) {
    const suffix = field.weight === "D" ? "" : field.weight;
    for (const run of runs(field.text)) {
      for (const term of runTerms(run)) {
        if (position > MAX_POSITION) break;
        const entry = entries.get(term);
        if (!entry) entries.set(term, { text: `${position}${suffix}`, count: 1 });
        else if (entry.count < MAX_POSITIONS_PER_TERM) {
          entry.text += `,${position}${suffix}`;
          entry.count += 1;
        }
        position += 1;
      }
      position += 1;
    }
    position += 1;
  }
  let literal = "";
  for (const [term, entry] of entries) literal += `${literal ? " " : ""}${quote(term)}:${entry.text}`;
  return literal;
}

/**
 * The distinct terms of some texts as a tsvector literal without positions: the match index.
 * Without positions a GIN search is exact (no recheck of the stored vector); a run's bigrams all
 * present is taken as the run present (a phrase can only be confirmed with positions, which made
 * the vectors several times larger and every candidate a TOAST read: see lib/search/postgres.ts).
 */
export function lexemeLiteral(texts: string[]): string {
  const seen = new Set<string>();
  for (const text of texts) for (const run of runs(text)) for (const term of runTerms(run)) seen.add(term);
  let literal = "";
  for (const term of seen) literal += `${literal ? " " : ""}${quote(term)}`;
  return literal;
}

/** The match query of one run: all its bigrams; a single character as a prefix. */
export function runMatch(run: Run): string {
  const chars = Array.from(run.text);
  if (chars.length === 1) return `${quote(chars[0]!)}:*`;
  const bigrams = new Set<string>();
  for (let i = 0; i < chars.length - 1; i += 1) bigrams.add(quote(chars[i]! + chars[i + 1]!));
  return [...bigrams].join(" & ");
}

/** The lexemes a text's match query asks for, all of them required; prefixes end in ":*". */
export function matchLexemes(text: string): string[] {
  return runs(text).flatMap((run) => {
    const chars = Array.from(run.text);
    if (chars.length === 1) return [`${chars[0]}:*`];
    return Array.from({ length: chars.length - 1 }, (_, i) => chars[i]! + chars[i + 1]!);
  });
}

/** Every run of the query must occur (AND, no positions); null when nothing is searchable. */
export function matchQuery(text: string): string | null {
  const parts = runs(text).map(runMatch);
  return parts.length ? parts.join(" & ") : null;
}

/** The tsquery of one run: its bigrams as a phrase; a single character as a prefix. */
export function runQuery(run: Run): string {
  const chars = Array.from(run.text);
  if (chars.length === 1) return `${quote(chars[0]!)}:*`;
  const bigrams: string[] = [];
  for (let i = 0; i < chars.length - 1; i += 1) bigrams.push(quote(chars[i]! + chars[i + 1]!));
  return bigrams.length === 1 ? bigrams[0]! : `(${bigrams.join(" <-> ")})`;
}

/** Every run of the query must occur as a phrase (for the positional title vector). */
export function textQuery(text: string): string | null {
  const parts = runs(text).map(runQuery);
  return parts.length ? parts.join(" & ") : null;
}

/** The searchable pieces of a query, for highlighting: its runs, longest first. */
export function queryTerms(text: string): string[] {
  return [...new Set(runs(text).map((run) => run.text))].sort((a, b) => b.length - a.length);
}

// ───────────── Time buckets ─────────────
//
// The match vector also holds the year and the month of publication (UTC) as lexemes text never
// makes (`~y2026`, `~m202611`: runs() drops "~"). A time window then becomes part of the match
// query, so the GIN index alone finds the matches inside it: it walks the window's bucket lists
// and skips through a common word's long posting list, instead of every match (or every row in
// the window) being read.

/** The bucket lexemes of a publication time. */
export function timeBuckets(at: Date): string[] {
  const year = at.getUTCFullYear();
  const month = String(at.getUTCMonth() + 1).padStart(2, "0");
  return [`~y${year}`, `~m${year}${month}`];
}

/**
 * A tsquery matching everything published from the start of `since`'s month (UTC) on, including
 * up to the end of the year after `now` (clocks differ); null when the window would name more
 * than `maxYears` years (search everything instead).
 */
export function windowQuery(since: Date, now: Date, maxYears = 40): string | null {
  const first = since.getUTCFullYear();
  const last = Math.max(first, now.getUTCFullYear()) + 1;
  if (last - first > maxYears) return null;
  const lexemes: string[] = [];
  const month = since.getUTCMonth();
  if (month === 0) lexemes.push(`'~y${first}'`);
  else for (let m = month; m < 12; m += 1) lexemes.push(`'~m${first}${String(m + 1).padStart(2, "0")}'`);
  for (let year = first + 1; year <= last; year += 1) lexemes.push(`'~y${year}'`);
  return lexemes.join(" | ");
}
