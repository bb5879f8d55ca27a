import { describe, expect, it } from "vitest";
import { EXCERPT_CONTEXT, EXCERPT_RADIUS, excerptSnippet, snippet, type Excerpt } from "@/lib/search/highlight";
import { excerptTerms } from "@/lib/search/postgres/excerpt";

// A results page's snippet is cut from an excerpt of the body (the PostgreSQL engine's stretch
// around the first match) and must equal the snippet of the whole body.

/** The engine's excerpt (lib/search/postgres/excerpt.ts), in JavaScript, for texts without astral characters. */
function engineExcerpt(body: string, terms: string[]): Excerpt {
  const whole = { text: body, atStart: true, atEnd: true };
  if (terms.length === 0 || body.includes("İ")) return whole;
  const found = terms.map((term) => body.indexOf(term)).filter((index) => index >= 0);
  const at = found.length ? Math.min(...found) : 0;
  const start = Math.max(0, at - EXCERPT_RADIUS);
  const stop = at + EXCERPT_RADIUS;
  const solid = (text: string) => text.replace(/\s/g, "").length;
  if (start > 0 && solid(body.slice(start, at)) < EXCERPT_CONTEXT) return whole;
  if (stop < body.length && solid(body.slice(at, stop)) < EXCERPT_CONTEXT) return whole;
  return { text: body.slice(start, stop), atStart: start === 0, atEnd: stop >= body.length };
}

/** A deterministic pseudo-random sequence (the test must not depend on the run). */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const PIECES = ["政府", "信息", "公开", "网站", "管理", "工作", "2021", "年", "，", "。", "ABC", "abc"];
const SPACES = [" ", "\n", "\u3000\u3000", "\t", " \n \n", "\u00a0"];

function makeBody(next: () => number, size: number, spaceRate: number): string {
  let body = next() < 0.3 ? SPACES[Math.floor(next() * SPACES.length)]! : "";
  while (body.length < size) {
    body += next() < spaceRate ? SPACES[Math.floor(next() * SPACES.length)]!.repeat(1 + Math.floor(next() * 40)) : "";
    body += PIECES[Math.floor(next() * PIECES.length)]!;
  }
  return body + (next() < 0.3 ? "\n\n" : "");
}

describe("snippets from an excerpt", () => {
  it("equal the whole body's snippet for bodies short and long, sparse and full of whitespace", () => {
    const next = random(21);
    const queries = [["政府"], ["信息", "公开"], ["网站管理"], ["2021"], ["不存在的词"], ["公开", "政府", "年"]];
    let windowed = 0;
    for (let round = 0; round < 1500; round += 1) {
      const size = [20, 130, 300, 900, 3000, 20000][round % 6]!;
      const body = makeBody(next, size, [0, 0.05, 0.3, 0.9][round % 4]!);
      const terms = queries[round % queries.length]!;
      const excerpt = engineExcerpt(body, terms);
      if (!(excerpt.atStart && excerpt.atEnd)) windowed += 1;
      expect(excerptSnippet(excerpt, terms), JSON.stringify({ round, body: body.slice(0, 200) })).toBe(
        snippet(body, terms),
      );
    }
    // The cases above must include windows on either side, not only whole bodies.
    expect(windowed).toBeGreaterThan(300);
  });

  it("places a match near either end as the whole body does", () => {
    const long = "前".repeat(1000);
    for (const body of [
      `中央厨房${long}`,
      `${long}中央厨房`,
      `${long}中央厨房${"后".repeat(30)}`,
      `${long}中央厨房${long}`,
    ]) {
      const excerpt = engineExcerpt(body, ["中央厨房"]);
      expect(excerpt.text.length).toBeLessThan(1000);
      expect(excerptSnippet(excerpt, ["中央厨房"])).toBe(snippet(body, ["中央厨房"]));
    }
  });

  it("refuses to guess when the excerpt holds too little around its match", () => {
    const cut = { text: `${"前".repeat(30)}中央厨房${"后".repeat(300)}`, atStart: false, atEnd: false };
    expect(excerptSnippet(cut, ["中央厨房"])).toBeNull();
    const short = { text: `${"前".repeat(200)}中央厨房${"后".repeat(10)}`, atStart: false, atEnd: false };
    expect(excerptSnippet(short, ["中央厨房"])).toBeNull();
    const noMatch = { text: "后".repeat(500), atStart: false, atEnd: true };
    expect(excerptSnippet(noMatch, ["中央厨房"])).toBeNull();
  });

  it("places excerpts only by words without case", () => {
    expect(excerptTerms(["政务公开 2021"])).toEqual(["政务公开", "2021"]);
    expect(excerptTerms(["政务 App"])).toEqual([]);
    expect(excerptTerms(["！？"])).toEqual([]);
  });
});
