import { diffArrays } from "diff";
import { Parser } from "htmlparser2";
import { tokenize } from "@/lib/library/diff";

// A rendered diff: the new version of an article body (sanitized HTML) with what changed marked
// in place — <ins>/<del> around inserted and removed words, images and whole blocks, and a
// data-diff="changed" attribute on an element whose formatting changed (alignment, a link, bold).
// Blocks (paragraphs, headings, tables, lists) are compared first; a changed block that keeps its
// structure (a paragraph, or a table with the same rows and cells) is compared word by word, so
// a changed table cell is marked inside its cell. The output keeps the new version's markup, so
// it is as well-formed as the new version itself.

type Token =
  | { kind: "open"; name: string; raw: string }
  | { kind: "close"; name: string; raw: string }
  | { kind: "void"; name: string; raw: string }
  | { kind: "text"; raw: string };

type Block = { name: string | null; tokens: Token[]; key: string };

const VOID = new Set(["img", "br", "hr", "wbr", "col", "source"]);
/** Inline formatting: may differ between two versions of a block that keeps its structure. */
const INLINE = new Set(["a", "strong", "b", "em", "i", "u", "s", "del", "ins", "sub", "sup", "span", "mark", "code"]);
/** Blocks whose content is text and inline markup only. */
const TEXT_BLOCKS = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "pre"]);
/** Containers where text may not stand (it would be moved out of a table or list by the browser). */
const NO_TEXT = new Set(["table", "thead", "tbody", "tfoot", "tr", "colgroup", "ul", "ol"]);

const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The fragment as tokens: tags as written, text cut into words (Chinese by the ICU segmenter). */
export function tokenizeHtml(html: string): Token[] {
  const tokens: Token[] = [];
  const parser = new Parser(
    {
      onopentag(name) {
        const raw = html.slice(parser.startIndex, parser.endIndex + 1);
        tokens.push(VOID.has(name) ? { kind: "void", name, raw } : { kind: "open", name, raw });
      },
      onclosetag(name, isImplied) {
        if (VOID.has(name)) return;
        const raw = isImplied ? `</${name}>` : html.slice(parser.startIndex, parser.endIndex + 1);
        tokens.push({ kind: "close", name, raw });
      },
      ontext(text) {
        for (const word of tokenize(text)) tokens.push({ kind: "text", raw: escapeText(word) });
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return tokens;
}

/** Top-level blocks: each element at depth 0 with everything inside it, and text between them. */
function blocksOf(tokens: Token[]): Block[] {
  const blocks: Block[] = [];
  let depth = 0;
  let current: Token[] = [];
  const flush = (name: string | null) => {
    if (current.length) blocks.push({ name, tokens: current, key: current.map((token) => token.raw).join("") });
    current = [];
  };
  for (const token of tokens) {
    if (depth === 0 && token.kind !== "text" && current.length && current[0]!.kind === "text") flush(null);
    current.push(token);
    if (token.kind === "open") depth++;
    else if (token.kind === "close") depth = Math.max(0, depth - 1);
    if (depth === 0 && token.kind !== "text") flush(token.name);
  }
  flush(null);
  return blocks;
}

const tagName = (token: Token) => (token.kind === "text" ? null : token.name);
/** A block's skeleton: its tags that are not inline formatting, as the tag names. */
const skeleton = (block: Block) =>
  block.tokens
    .filter((token) => token.kind !== "text" && !INLINE.has(token.name))
    .map((token) => `${token.kind}:${tagName(token)}`)
    .join(" ");

function markChanged(raw: string): string {
  return raw.replace(/\s*\/?>$/, (end) => ` data-diff="changed"${end.trimStart()}`);
}

function wholeBlock(block: Block, mark: "ins" | "del"): string {
  if (block.name === null) return block.key.trim() ? `<${mark}>${block.key}</${mark}>` : block.key;
  return `<${mark} class="diff-block">${block.key}</${mark}>`;
}

/** Two versions of one block with the same structure, compared word by word. */
function diffBlock(before: Block, after: Block): string {
  const out: string[] = [];
  const open: string[] = [];
  const container = () => open[open.length - 1] ?? after.name;
  let run: { mark: "ins" | "del"; words: string[] } | null = null;
  const endRun = () => {
    if (run && run.words.length) out.push(`<${run.mark}>${run.words.join("")}</${run.mark}>`);
    run = null;
  };
  const word = (mark: "ins" | "del", raw: string) => {
    if (container() && NO_TEXT.has(container()!)) return;
    if (run?.mark !== mark) {
      endRun();
      run = { mark, words: [] };
    }
    run!.words.push(raw);
  };
  const emitTag = (token: Token, changed: boolean) => {
    endRun();
    if (token.kind === "open") open.push(token.name);
    if (token.kind === "close") open.pop();
    out.push(changed && token.kind === "open" ? markChanged(token.raw) : token.raw);
  };
  const parts = diffArrays(before.tokens, after.tokens, { comparator: (a, b) => a.raw === b.raw });
  for (const part of parts) {
    for (const token of part.value) {
      if (!part.added && !part.removed) {
        if (token.kind === "text") {
          endRun();
          out.push(token.raw);
        } else emitTag(token, false);
      } else if (part.added) {
        if (token.kind === "text") word("ins", token.raw);
        else if (token.kind === "void" && token.name === "img") {
          endRun();
          out.push(`<ins class="diff-img">${token.raw}</ins>`);
        } else emitTag(token, true);
      } else if (token.kind === "text") word("del", token.raw);
      else if (token.kind === "void" && token.name === "img" && !NO_TEXT.has(container() ?? "")) {
        endRun();
        out.push(`<del class="diff-img">${token.raw}</del>`);
      }
      // A removed tag: the new version's structure is kept, its text was marked above.
    }
  }
  endRun();
  return out.join("");
}

function comparable(before: Block, after: Block): boolean {
  if (before.name !== after.name || before.name === null) return false;
  return TEXT_BLOCKS.has(before.name) || skeleton(before) === skeleton(after);
}

/** The new body with the changes from the old one marked; equal inputs give the input back. */
export function diffHtml(beforeHtml: string, afterHtml: string): string {
  const before = blocksOf(tokenizeHtml(beforeHtml));
  const after = blocksOf(tokenizeHtml(afterHtml));
  const out: string[] = [];
  let removed: Block[] = [];
  const flushRemoved = () => {
    for (const block of removed) out.push(wholeBlock(block, "del"));
    removed = [];
  };
  for (const part of diffArrays(before, after, { comparator: (a, b) => a.key === b.key })) {
    if (part.removed) {
      removed.push(...part.value);
      continue;
    }
    if (!part.added) {
      flushRemoved();
      out.push(...part.value.map((block) => block.key));
      continue;
    }
    // A changed run: each new block is compared with the first removed block of its kind.
    for (const block of part.value) {
      const index = removed.findIndex((candidate) => comparable(candidate, block));
      if (index < 0) {
        out.push(wholeBlock(block, "ins"));
        continue;
      }
      for (const skipped of removed.slice(0, index)) out.push(wholeBlock(skipped, "del"));
      out.push(diffBlock(removed[index]!, block));
      removed = removed.slice(index + 1);
    }
  }
  flushRemoved();
  return out.join("");
}
