import { LIVE } from "@/lib/search/postgres/generations";
import { searchReader, type SearchReader } from "@/lib/search/postgres/reader";
import { lexemeSet, setLiteral } from "@/lib/search/tokenize";
import { chinaToday } from "@/lib/time/china";

// What 智能问答 (lib/interaction/ask) answers from: the live search documents of one site whose
// kind answers questions — Q&A entries, policies and interpretations, service entries — that hold
// any of a question's terms. Read from the PostgreSQL index (always exact: written in the
// transaction that publishes), through the partial match index of these kinds
// (custom_search_answer_terms), so a question's common words never walk the articles. A 答问
// outside its 有效期 (China day) is never a candidate.

/** The kinds a question is answered from, as the partial index's predicate lists them. */
export const ANSWER_KINDS = ["QA", "SERVICE", "POLICY", "INTERPRETATION"] as const;

export type AnswerCandidate = {
  id: string;
  kind: string;
  title: string;
  summary: string;
  /** The body's first BODY_CHARS characters: what ranking and the answer's passage read. */
  body: string;
  url: string;
  unitName: string;
  validity: string | null;
  siteIds: string[];
  publishedAt: Date;
};

const BODY_CHARS = 20_000;
/** Candidates read for one question, those holding the most of its terms first. */
const MAX_CANDIDATES = 200;

const KIND_LIST = ANSWER_KINDS.map((kind) => `'${kind}'`).join(", ");

/** Index terms of the texts as an OR tsquery, or null when none is searchable. */
export function anyTermQuery(texts: string[]): string | null {
  const terms = [...lexemeSet(texts)].filter((term) => Array.from(term).length > 1 || !/\p{Script=Han}/u.test(term));
  if (terms.length === 0) return null;
  return setLiteral(terms).split(" ").join(" | ");
}

/**
 * The answering documents of `siteId` that hold any term of `texts`, those holding more of them
 * first, and how many answering documents the site has (for the terms' weights).
 */
export async function findAnswerCandidates(
  input: { siteId: string; texts: string[] },
  read: SearchReader = searchReader(),
): Promise<{ candidates: AnswerCandidate[]; corpus: number }> {
  const query = anyTermQuery(input.texts);
  if (!query) return { candidates: [], corpus: 0 };
  const [rows, corpus] = await Promise.all([
    read<AnswerCandidate>(
      `select d.id, d.kind, d.title, d.summary, left(d.body, ${BODY_CHARS}) as body, d.url, d."unitName", d.validity,
              d."siteIds", d."publishedAt" at time zone 'UTC' as "publishedAt"
       from "SearchDocument" d
       where d.generation = ${LIVE} and d.kind in (${KIND_LIST}) and d.terms @@ $1::tsquery
         and $2::uuid = any(d."siteIds")
         and (d."validFrom" is null or d."validFrom" <= $3::date) and (d."validTo" is null or d."validTo" >= $3::date)
       order by ts_rank(d.terms, $1::tsquery) desc, d."publishedAt" desc
       limit ${MAX_CANDIDATES}`,
      [query, input.siteId, chinaToday()],
    ),
    answeringDocuments(input.siteId, read),
  ]);
  return { corpus, candidates: rows.map((row) => ({ ...row, publishedAt: new Date(row.publishedAt) })) };
}

const CORPUS_TTL_MS = 60_000;
const corpusCache = new Map<string, { at: number; count: Promise<number> }>();

/** How many answering documents a site has (cached a minute: it weighs terms, it need not be exact). */
function answeringDocuments(siteId: string, read: SearchReader): Promise<number> {
  const cached = corpusCache.get(siteId);
  if (cached && Date.now() - cached.at < CORPUS_TTL_MS) return cached.count;
  const count = read<{ count: number }>(
    `select count(*)::int as count from "SearchDocument" d
     where d.generation = ${LIVE} and d.kind in (${KIND_LIST}) and d.terms @@ '!~none'::tsquery and $1::uuid = any(d."siteIds")`,
    [siteId],
  ).then((rows) => rows[0]?.count ?? 0);
  corpusCache.set(siteId, { at: Date.now(), count });
  count.catch(() => corpusCache.delete(siteId));
  return count;
}
