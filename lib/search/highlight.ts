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

/** About `length` characters of the body around its first match (the start when none). */
export function snippet(body: string, terms: string[], length = 120): string {
  const text = body.replace(/\s+/g, " ").trim();
  if (text.length <= length) return text;
  const match = firstMatch(
    text.toLowerCase(),
    terms.map((term) => term.toLowerCase()),
    0,
  );
  const start = match ? Math.max(0, Math.min(match.index - Math.floor(length / 3), text.length - length)) : 0;
  return `${start > 0 ? "…" : ""}${text.slice(start, start + length)}${start + length < text.length ? "…" : ""}`;
}
