// Chinese text → index terms, the same way for documents and queries (PostgreSQL engine).
//
// Han text is indexed as overlapping character bigrams (as Lucene's CJK analyzer does), plus the
// last character of each run alone; a query run matches a text holding all of its bigrams
// (without positions: see setLiteral), whatever the words around it. Dictionary segmentation
// was tried first: ICU (Intl.Segmenter) splits 先入库 as 先入|库 and 社保卡补办 into single
// characters, so a query segmented on its own often missed the document's segmentation, and it
// was slow (docs/adr/0001-search-engine.md). Text that is not Han (Latin words, numbers)
// is split into words by Intl.Segmenter, lower-cased, and each word is indexed as bigrams the
// same way, so part of a number or word is found too (02 in 2021, as `position(q in body)`
// would). A one-character query matches as a prefix.

const HAN = /\p{Script=Han}/u;
/** Han runs, and stretches of anything else (split into words below). */
const PIECES = /\p{Script=Han}+|[^\p{Script=Han}]+/gu;
const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

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
 * Distinct terms (lexemeSet) as a tsvector literal without positions: the match index. Without
 * positions a GIN search is exact (no recheck of the stored vector); a run's bigrams all present
 * is taken as the run present (a phrase can only be confirmed with positions, which made the
 * vectors several times larger and every candidate a TOAST read: see lib/search/postgres/).
 */
export function setLiteral(terms: Iterable<string>): string {
  let literal = "";
  for (const term of terms) literal += `${literal ? " " : ""}${quote(term)}`;
  return literal;
}

/** The distinct terms of some texts, in first-seen order. */
export function lexemeSet(texts: string[]): Set<string> {
  const seen = new Set<string>();
  for (const text of texts) for (const run of runs(text)) for (const term of runTerms(run)) seen.add(term);
  return seen;
}

/** A match query asking for every one of these lexemes (as matchLexemes gives them: prefixes end in ":*"). */
export function lexemeQuery(lexemes: string[]): string {
  return lexemes
    .map((lexeme) => (lexeme.endsWith(":*") ? `${quote(lexeme.slice(0, -2))}:*` : quote(lexeme)))
    .join(" & ");
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
  return runs(text).flatMap(runLexemes);
}

/** The lexemes a run's match asks for: its bigrams, or a single character as a prefix. */
export function runLexemes(run: Run): string[] {
  const chars = Array.from(run.text);
  if (chars.length === 1) return [`${chars[0]}:*`];
  return Array.from({ length: chars.length - 1 }, (_, i) => chars[i]! + chars[i + 1]!);
}

/** Every run of the query must occur (AND, no positions); null when nothing is searchable. */
export function matchQuery(text: string): string | null {
  const parts = runs(text).map(runMatch);
  return parts.length ? parts.join(" & ") : null;
}

// ───────────── Time buckets ─────────────
//
// The match vector also holds the year and the month of publication (UTC) as lexemes text never
// makes (`~y2026`, `~m202611`: runs() drops "~"). A query ANDed with one bucket is answered by the
// GIN index alone, which walks the bucket's list and skips through a common word's long posting
// list; so the most recent matches of a common word are found bucket by bucket, newest first,
// reading only about as many rows as are wanted (lib/search/postgres/).

/** The bucket lexemes of a publication time. */
export function timeBuckets(at: Date): string[] {
  const year = at.getUTCFullYear();
  const month = String(at.getUTCMonth() + 1).padStart(2, "0");
  return [`~y${year}`, `~m${year}${month}`];
}

/** A time bucket of a walk: its tsquery literal and the publication times it holds, [from, to). */
export type Bucket = { lexeme: string; from: Date; to: Date };

/**
 * Disjoint buckets from the newest on: next year (clocks differ); this year and the last, each
 * whole or, when `byMonth` says so, month by month; then whole years back to `oldest`'s (at most
 * `maxYears` of them). `since` is where they end: anything published before it is in none of them.
 */
export function recentBuckets(
  now: Date,
  oldest: Date,
  byMonth: (from: Date, to: Date) => boolean,
  maxYears = 30,
): { buckets: Bucket[]; since: Date } {
  const year = now.getUTCFullYear();
  const first = Math.max(Math.min(oldest.getUTCFullYear(), year - 1), year - maxYears);
  const whole = (y: number): Bucket => ({
    lexeme: `'~y${y}'`,
    from: new Date(Date.UTC(y, 0, 1)),
    to: new Date(Date.UTC(y + 1, 0, 1)),
  });
  const buckets = [whole(year + 1)];
  for (const y of [year, year - 1]) {
    if (!byMonth(new Date(Date.UTC(y, 0, 1)), new Date(Date.UTC(y + 1, 0, 1)))) buckets.push(whole(y));
    else
      for (let month = 12; month >= 1; month -= 1)
        buckets.push({
          lexeme: `'~m${y}${String(month).padStart(2, "0")}'`,
          from: new Date(Date.UTC(y, month - 1, 1)),
          to: new Date(Date.UTC(y, month, 1)),
        });
  }
  for (let y = year - 2; y >= first; y -= 1) buckets.push(whole(y));
  return { buckets, since: new Date(Date.UTC(first, 0, 1)) };
}
