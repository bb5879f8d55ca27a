import { EXCERPT_CONTEXT, EXCERPT_RADIUS } from "@/lib/search/highlight";
import { highlightTerms } from "@/lib/search/query";

// Which stretch of a hit's body the PostgreSQL engine returns for its snippet (lib/search/highlight.ts
// excerptSnippet): EXCERPT_RADIUS characters either side of the first occurrence of a query word,
// or the body's start when none occurs. The snippet made from it is the one the whole body gives,
// so the whole body (at most 20,000 characters a hit) stays in the database.

/** What JavaScript's `\s` matches (String.prototype.trim's set too): the snippet collapses these. */
const WHITESPACE =
  "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
const WHITESPACE_SQL = `E'${Array.from(WHITESPACE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")}'`;

/** Words made only of Han characters and digits: no other character's lower case contains them. */
const CASELESS = /^[\p{Script=Han}0-9]+$/u;

/**
 * The words whose first occurrence places the excerpt, as the database finds it (`strpos`, exact
 * case). Highlighting matches ignoring case (JavaScript's toLowerCase); the two agree only for
 * words without letters that have case, so for any other query no word is given, and every hit
 * comes with its whole body.
 */
export function excerptTerms(variants: string[]): string[] {
  const terms = highlightTerms(variants);
  return terms.length > 0 && terms.every((term) => CASELESS.test(term)) ? terms : [];
}

/**
 * A query over `rows` (id, body: the body as the snippet sees it) giving each row's `excerpt`
 * (text, atStart, atEnd): the stretch from `start` to `stop` (1-based, stop exclusive), or the
 * whole body when no words place it; when the body holds an İ (its lower case is two characters,
 * which shifts every later position the snippet finds); or when a side of the stretch that stops
 * short of the body's end holds fewer than EXCERPT_CONTEXT characters other than whitespace.
 * Each step is fenced (offset 0) so that the body is searched once a row, not once per use.
 */
export function excerptsOf(rows: string, termsParam: string): string {
  const solid = (from: string, length: string) =>
    `char_length(translate(substr(w.body, ${from}, ${length}), ${WHITESPACE_SQL}, ''))`;
  return `select p.id,
            jsonb_build_object('text', case when p.whole then p.body else substr(p.body, p.start, p.stop - p.start) end,
                               'atStart', p.whole or p.start = 1,
                               'atEnd', p.whole or p.stop > char_length(p.body)) as excerpt
          from (
            select w.id, w.body, w.start, w.stop,
                   cardinality(${termsParam}::text[]) = 0 or strpos(w.body, 'İ') > 0
                   or (w.start > 1 and ${solid("w.start", "w.at - w.start")} < ${EXCERPT_CONTEXT})
                   or (w.stop <= char_length(w.body) and ${solid("w.at", "w.stop - w.at")} < ${EXCERPT_CONTEXT}) as whole
            from (
              select r.id, r.body, f.at, greatest(1, f.at - ${EXCERPT_RADIUS}) as start, f.at + ${EXCERPT_RADIUS} as stop
              from ${rows} r
              cross join lateral (
                select coalesce((select min(nullif(strpos(r.body, term), 0)) from unnest(${termsParam}::text[]) as term), 1) as at
                offset 0
              ) f
            ) w
            offset 0
          ) p`;
}
