// Highlighting and snippets, the same for both engines (pure functions).

export type Marked = { text: string; mark: boolean }[];

function firstMatch(lower: string, terms: string[], from: number): { index: number; length: number } | null {
  let best: { index: number; length: number } | null = null;
  for (const term of terms) {
    if (!term) continue;
    const index = lower.indexOf(term, from);
    if (index >= 0 && (!best || index < best.index || (index === best.index && term.length > best.length)))
      best = { index, length: term.length };
  }
  return best;
}

/** Splits text into marked and unmarked pieces; terms are matched case-insensitively. */
export function markText(text: string, terms: string[]): Marked {
  const lower = text.toLowerCase();
  const wanted = terms.map((term) => term.toLowerCase());
  const pieces: Marked = [];
  let position = 0;
  for (;;) {
    const match = firstMatch(lower, wanted, position);
    if (!match) break;
    if (match.index > position) pieces.push({ text: text.slice(position, match.index), mark: false });
    pieces.push({ text: text.slice(match.index, match.index + match.length), mark: true });
    position = match.index + match.length;
  }
  if (position < text.length) pieces.push({ text: text.slice(position), mark: false });
  return pieces;
}

/**
 * A stretch of a text: the whole text when both ends are its own. The PostgreSQL engine returns a
 * stretch of each hit's body around its first match (EXCERPT_RADIUS characters either side), so
 * that a results page does not carry whole bodies from the database.
 */
export type Excerpt = { text: string; atStart: boolean; atEnd: boolean };

/** Characters of the body the engine returns either side of a hit's first match. */
export const EXCERPT_RADIUS = 400;
/**
 * Characters other than whitespace an excerpt holds either side of the match unless the text ends
 * there: enough for any snippet of up to SNIPPET_LENGTH characters (the engine returns the whole
 * body when whitespace leaves fewer).
 */
export const EXCERPT_CONTEXT = 125;
export const SNIPPET_LENGTH = 120;

/** About `length` characters of the body around its first match (the start when none). */
export function snippet(body: string, terms: string[], length = SNIPPET_LENGTH): string {
  return excerptSnippet({ text: body, atStart: true, atEnd: true }, terms, length) ?? body;
}

/**
 * The snippet `snippet` makes of the whole text, made from a stretch of it: whitespace runs
 * collapse to one space and the ends are trimmed, then about `length` characters around the first
 * match (a third before it, fewer near the end), with "…" where text is left out. Null when the
 * stretch holds too little around its match to be sure of the whole text's snippet.
 */
export function excerptSnippet(excerpt: Excerpt, terms: string[], length = SNIPPET_LENGTH): string | null {
  let text = excerpt.text.replace(/\s+/g, " ");
  if (excerpt.atStart) text = text.trimStart();
  if (excerpt.atEnd) text = text.trimEnd();
  const whole = excerpt.atStart && excerpt.atEnd;
  if (whole && text.length <= length) return text;
  // A cut end's character may be a space the whole text trims: it is never counted on.
  const from = excerpt.atStart ? 0 : 1;
  const to = excerpt.atEnd ? text.length : text.length - 1;
  if (to - from <= length) return null;
  const match = firstMatch(
    text.toLowerCase(),
    terms.map((term) => term.toLowerCase()),
    0,
  );
  // Without a match the snippet is the start, which only a stretch from the start holds.
  if (!match && !excerpt.atStart) return null;
  const index = match?.index ?? 0;
  // The whole text's start is max(0, min(index - lead, total - length)): `back` characters before
  // the match, unless the text starts within them.
  const lead = Math.floor(length / 3);
  const tail = to - index;
  let back: number;
  if (!match) back = 0;
  else if (excerpt.atEnd) back = Math.max(lead, length - tail);
  else if (tail >= length - lead) back = lead;
  else return null;
  let start = index - back;
  if (excerpt.atStart) start = Math.max(0, start);
  else if (start < from + 1) return null;
  const end = start + length;
  if (!excerpt.atEnd && end >= to) return null;
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
}
