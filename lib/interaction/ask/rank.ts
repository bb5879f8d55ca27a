import { runs } from "@/lib/search/tokenize";

// Ranking tuned on questions. The search engine finds documents holding *all* of a query's
// words, which a question rarely is; here every document holding *any* of the question's terms
// (character bigrams, as the index has them) is a candidate, and is scored by how much of the
// question it covers, each term weighed by how rare it is among the site's answering documents
// (a BM25-style idf), in the title (the Q&A entry's question, the service's name) above the body;
// then Q&A entries and service entries first, valid before revised, newer before older. Repealed
// and expired documents never answer.

export type Candidate = {
  id: string;
  kind: string;
  title: string;
  summary: string;
  body: string;
  validity: string | null;
  publishedAt: Date;
};

export type Ranked<C extends Candidate> = {
  candidate: C;
  score: number;
  /** Share of the question's weight the title holds, and title or text (0 … 1). */
  titleCoverage: number;
  coverage: number;
  /** The terms of the best-matching variant, with their weights (for the answer's passage). */
  terms: Map<string, number>;
};

const KIND_BOOST: Record<string, number> = { QA: 1.3, SERVICE: 1.25, INTERPRETATION: 1.05, POLICY: 1 };
const VALIDITY_FACTOR: Record<string, number> = { VALID: 1, REVISED: 0.8 };
/** Below these a candidate does not answer the question. */
export const MIN_COVERAGE = 0.6;
export const MIN_SCORE = 0.4;
const PASSAGE_CANDIDATES = 8;

/** The index terms of each word of a text (Han bigrams; other words whole, lower-cased). */
export function wordTerms(text: string): string[][] {
  return runs(text).map((run) => {
    if (!run.han) return [run.text];
    const chars = Array.from(run.text);
    if (chars.length === 1) return [];
    return Array.from({ length: chars.length - 1 }, (_, i) => chars[i]! + chars[i + 1]!);
  });
}

/** The index terms of a text, in order, distinct. */
export function questionTerms(text: string): string[] {
  return [...new Set(wordTerms(text).flat())];
}

/** The text a document is matched in, lower-cased like the terms. */
function haystack(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

function idf(corpus: number, df: number): number {
  return Math.log(1 + (corpus - df + 0.5) / (df + 0.5));
}

/**
 * Candidates ranked for a question given as its variants (its words, and the same with synonyms:
 * 社保卡 丢失 补办, 社会保障卡 挂失 补办 …), best first, those that do not answer it left out.
 * `corpus` is how many answering documents the site has.
 */
export function rankCandidates<C extends Candidate>(
  variants: string[],
  candidates: C[],
  options: { corpus: number; now: Date; limit?: number },
): Ranked<C>[] {
  const texts = candidates.map((candidate) => ({
    title: haystack(candidate.title),
    all: haystack(`${candidate.title}\n${candidate.summary}\n${candidate.body}`),
  }));
  const corpus = Math.max(options.corpus, candidates.length, 1);
  const df = new Map<string, number>();
  const dfOf = (term: string) => {
    let found = df.get(term);
    if (found === undefined) {
      found = texts.filter((text) => text.all.includes(term)).length;
      df.set(term, found);
    }
    return found;
  };
  // Each variant's terms with their weights. A word none of whose terms any answering document
  // holds is something the site says nothing about (火星): its terms weigh as the rarest; a term
  // no document holds inside a word that is otherwise known is two words read as one (卡丢) and
  // says little either way.
  const variantTerms = variants
    .map((variant) => {
      const weights = new Map<string, number>();
      for (const word of wordTerms(variant)) {
        const known = word.some((term) => dfOf(term) > 0);
        for (const term of word) {
          const count = dfOf(term);
          weights.set(term, count > 0 ? idf(corpus, count) : known ? 0.3 : idf(corpus, 0));
        }
      }
      return weights;
    })
    .filter((weights) => weights.size > 0);
  // Finding the best passage reads every sentence: done only for the candidates covering most of
  // the question (any variant), PASSAGE_CANDIDATES of them.
  const coverages = texts.map((text) =>
    Math.max(
      0,
      ...variantTerms.map((weights) => {
        let total = 0;
        let found = 0;
        for (const [term, weight] of weights) {
          total += weight;
          if (text.all.includes(term)) found += weight;
        }
        return found / total;
      }),
    ),
  );
  const passageBar = [...coverages].sort((a, b) => b - a)[PASSAGE_CANDIDATES - 1] ?? 0;
  const sentencesOf = new Map<number, string[]>();
  const ranked: Ranked<C>[] = [];
  candidates.forEach((candidate, index) => {
    const validity = candidate.validity === null ? 1 : VALIDITY_FACTOR[candidate.validity];
    if (validity === undefined) return;
    const text = texts[index]!;
    let best: Omit<Ranked<C>, "candidate" | "score"> & { base: number } = {
      base: 0,
      titleCoverage: 0,
      coverage: 0,
      terms: new Map(),
    };
    const titleTerms = questionTerms(candidate.title);
    for (const weights of variantTerms) {
      let total = 0;
      let inTitle = 0;
      let inAll = 0;
      for (const [term, weight] of weights) {
        total += weight;
        if (text.title.includes(term)) inTitle += weight;
        if (text.all.includes(term)) inAll += weight;
      }
      // How much of the title the question asks for: a short title the question fully covers
      // (社会保障卡补办) is the thing asked for, a long one that mentions the words is about more.
      const precision = titleTerms.length
        ? titleTerms.filter((term) => weights.has(term)).length / titleTerms.length
        : 0;
      const titleCoverage = inTitle / total;
      const coverage = inAll / total;
      let base = 0.45 * titleCoverage + 0.35 * coverage + 0.2 * precision;
      // A text that answers in one place (a policy's article or heading) though its title does
      // not name the question: the best sentence or two, and how much of the question it holds.
      if (coverage >= MIN_COVERAGE && base < 0.55 && coverages[index]! >= passageBar) {
        if (!sentencesOf.has(index)) sentencesOf.set(index, sentencesIn(text.all));
        const passage = bestWindowOf(sentencesOf.get(index)!, weights);
        base = Math.max(base, 0.6 * (passage.weight / total) + 0.1 * titleCoverage);
      }
      if (base > best.base) best = { base, titleCoverage, coverage, terms: weights };
    }
    if (best.coverage < MIN_COVERAGE) return;
    const years = Math.max(0, (options.now.getTime() - candidate.publishedAt.getTime()) / (365.25 * 86_400_000));
    const freshness = 0.9 + 0.1 * Math.exp(-years / 3);
    const score = best.base * (KIND_BOOST[candidate.kind] ?? 1) * validity * freshness;
    if (score < MIN_SCORE) return;
    ranked.push({ candidate, score, titleCoverage: best.titleCoverage, coverage: best.coverage, terms: best.terms });
  });
  return ranked
    .sort((a, b) => b.score - a.score || b.candidate.publishedAt.getTime() - a.candidate.publishedAt.getTime())
    .slice(0, options.limit ?? 5);
}

const SENTENCE = /[^。！？；\n]+[。！？；]?/gu;

/**
 * The passage of a body that answers best: the one or two consecutive sentences holding the most
 * of the question's weight, at most `max` characters.
 */
export function bestPassage(body: string, terms: Map<string, number>, max = 240): string {
  const { passage } = bestWindow(body, terms);
  const chars = Array.from(passage);
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : passage;
}

function sentencesIn(body: string): string[] {
  return (body.match(SENTENCE) ?? []).map((sentence) => sentence.trim()).filter(Boolean);
}

/** The one or two consecutive sentences of a text holding the most weight of `terms`, and that weight. */
function bestWindow(body: string, terms: Map<string, number>): { passage: string; weight: number } {
  return bestWindowOf(sentencesIn(body), terms);
}

function bestWindowOf(sentences: string[], terms: Map<string, number>): { passage: string; weight: number } {
  if (sentences.length === 0) return { passage: "", weight: 0 };
  const weights = sentences.map((sentence) => {
    const lowered = haystack(sentence);
    const found = new Set<string>();
    for (const term of terms.keys()) if (lowered.includes(term)) found.add(term);
    return found;
  });
  const weightOf = (found: Set<string>) => [...found].reduce((sum, term) => sum + terms.get(term)!, 0);
  let best = { at: 0, length: 1, weight: -1 };
  for (let at = 0; at < sentences.length; at += 1) {
    const one = weightOf(weights[at]!);
    if (one > best.weight + 1e-9) best = { at, length: 1, weight: one };
    if (at + 1 < sentences.length) {
      const two = weightOf(new Set([...weights[at]!, ...weights[at + 1]!]));
      if (two > best.weight + 1e-9) best = { at, length: 2, weight: two };
    }
  }
  return { passage: sentences.slice(best.at, best.at + best.length).join(""), weight: best.weight };
}
