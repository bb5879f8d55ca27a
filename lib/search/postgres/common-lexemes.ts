import { lexemeSet } from "@/lib/search/tokenize";
import type { SearchDoc } from "@/lib/search/documents";

// Common lexemes. A bigram in a tenth or more of the documents costs a GIN scan its whole posting
// list, yet hardly narrows the match (docs/adr/0001-search-engine.md). So each generation of the
// index names up to MAX_COMMON such lexemes, chosen when it is built, and every row keeps one bit for each it holds (SearchDocument.common, common2); a query asks the
// GIN index for its other lexemes, and for those common ones that rule out more rows than their
// lists cost (planSearch), and tests the rest in the row it reads anyway. The match is the same:
// the bits say exactly which of those lexemes the row's vector holds.

/** At most this many common lexemes a generation, because each takes one bit of two bigints. */
export const MAX_COMMON = 128;
/**
 * A lexeme in at least this share of the sampled documents is common, because from there its
 * posting list costs a scan more than testing the rows it would rule out…
 */
const COMMON_SHARE = 0.1;
/** …when at least this many documents were sampled (a small library needs none). */
const COMMON_SAMPLE_MIN = 50;

/** The lexemes of a document's match vector, its time buckets aside. */
export function documentLexemes(doc: SearchDoc): Set<string> {
  return lexemeSet([doc.title, doc.docNumber ?? "", doc.summary, doc.body]);
}

/** The common lexemes of a sample of documents: those in COMMON_SHARE of them or more, most frequent first. */
export function chooseCommonLexemes(sample: SearchDoc[]): string[] {
  if (sample.length < COMMON_SAMPLE_MIN) return [];
  const counts = new Map<string, number>();
  // Bigrams only: a single character is a run's last, and queries ask for one only as a prefix.
  for (const doc of sample)
    for (const lexeme of documentLexemes(doc))
      if (Array.from(lexeme).length > 1) counts.set(lexeme, (counts.get(lexeme) ?? 0) + 1);
  return [...counts]
    .filter(([, count]) => count >= COMMON_SHARE * sample.length)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, MAX_COMMON)
    .map(([lexeme]) => lexeme);
}

/** The bits of `common` a set of lexemes holds: bits 0–63 and 64–127, as two signed bigints. */
export function commonMask(lexemes: Iterable<string>, common: string[]): [bigint, bigint] {
  const held = new Set(lexemes);
  const mask = common.reduce((bits, lexeme, bit) => (held.has(lexeme) ? bits | (1n << BigInt(bit)) : bits), 0n);
  return [BigInt.asIntN(64, mask), BigInt.asIntN(64, mask >> 64n)];
}
