import { normalizeDocNumber } from "@/lib/search/documents";
import { LIVE } from "@/lib/search/postgres/generations";
import { searchReader, type SearchReader } from "@/lib/search/postgres/reader";

// 您是不是要找 for a mistyped 文号 (机政办发[2015]5号 for 吉政办发〔2015〕5号): the brackets are
// normalised to 〔〕 first, then the documents with the same year and serial are candidates, and the
// one whose 发文机关代字 is fewest edits away from the typed one is offered. Year and serial are what
// people copy from paper correctly; the issuer's 代字 is where a character is misheard or mistyped.

/** A 文号 with any of the brackets people type around the year ([]【】〔〕() and their full-width forms after NFKC). */
const DOC_NUMBER = /(\p{Script=Han}[\p{Script=Han}A-Za-z]*)\s*[[【(〔]\s*(\d{4})\s*[\]】)〕]\s*(\d+)\s*号/u;

export type DocNumberParts = {
  issuer: string;
  year: string;
  serial: string;
  /** As GB/T 9704 writes it: 吉政办发〔2015〕5号. */
  text: string;
  /** Where it stands in the (NFKC-normalised) query, and how long it was as typed. */
  index: number;
  length: number;
};

/** The first standard 文号 in a query, written with 〔〕; null when there is none. */
export function findDocNumber(query: string): DocNumberParts | null {
  const match = DOC_NUMBER.exec(query.normalize("NFKC"));
  if (!match) return null;
  const [typed, issuer, year, serial] = match as unknown as [string, string, string, string];
  return { issuer, year, serial, text: `${issuer}〔${year}〕${serial}号`, index: match.index, length: typed.length };
}

/** Levenshtein distance over characters (not UTF-16 units). */
export function editDistance(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  let previous = Array.from({ length: right.length + 1 }, (_, j) => j);
  for (let i = 1; i <= left.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= right.length; j += 1) {
      const substitution = previous[j - 1]! + (left[i - 1] === right[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length]!;
}

/**
 * The existing 文号 closest to the typed one, among candidates of the same year and serial; null
 * when the typed one exists or nothing is close enough (at most half the 代字 may differ, so
 * 国办发〔2015〕5号 is not offered for 吉政办发〔2015〕5号).
 */
export function closestDocNumber(typed: DocNumberParts, candidates: string[]): string | null {
  const suffix = `〔${typed.year}〕${typed.serial}号`;
  const limit = Math.max(1, Math.floor(Array.from(typed.issuer).length / 2));
  let best: { text: string; distance: number } | null = null;
  for (const candidate of [...new Set(candidates.map(normalizeDocNumber))].sort()) {
    if (!candidate.endsWith(suffix)) continue;
    const issuer = candidate.slice(0, -suffix.length);
    const distance = editDistance(typed.issuer, issuer);
    if (distance === 0) return null;
    if (distance <= limit && (!best || distance < best.distance)) best = { text: candidate, distance };
  }
  return best?.text ?? null;
}

/** The query with its 文号 replaced by the closest existing one, or null (see closestDocNumber). */
export function suggestionFor(query: string, typed: DocNumberParts, candidates: string[]): string | null {
  const closest = closestDocNumber(typed, candidates);
  if (!closest) return null;
  const normalized = query.normalize("NFKC");
  return `${normalized.slice(0, typed.index)}${closest}${normalized.slice(typed.index + typed.length)}`;
}

/**
 * 您是不是要找 for a query holding a 文号 that no live document of the site (or the platform) has.
 * Read from the PostgreSQL index, which is kept exact whichever engine answers the query.
 */
export async function suggestDocNumber(
  query: string,
  siteId: string | undefined,
  read: SearchReader = searchReader(),
): Promise<string | null> {
  const typed = findDocNumber(query);
  if (!typed) return null;
  const rows = await read<{ docNumber: string }>(
    `select distinct "docNumber" from "SearchDocument"
     where generation = ${LIVE} and "docNumber" is not null and right("docNumber", $1) = $2
       ${siteId ? `and $3::uuid = any("siteIds")` : ""}
     limit 200`,
    [
      Array.from(`〔${typed.year}〕${typed.serial}号`).length,
      `〔${typed.year}〕${typed.serial}号`,
      ...(siteId ? [siteId] : []),
    ],
  );
  return suggestionFor(
    query,
    typed,
    rows.map((row) => row.docNumber),
  );
}
