import { hasControlCharacters } from "@/lib/validation/text";

// The first check every request passes, before Next.js routes it: an address that cannot be
// decoded (`/content/%zz`, `/columns/%FF%FE`, a lone `%`) or that carries control characters
// (a NUL in a filter) is refused here with 400 and a Chinese message, instead of failing deep
// inside a page or a query. Malformed server-action bodies are refused the same way, before
// React tries to decode them. Pure functions: the server and the proxy call them.

export type Refusal = { status: 400; message: string };

export const MALFORMED_ADDRESS: Refusal = { status: 400, message: "请求地址格式不正确。" };
export const CONTROL_IN_ADDRESS: Refusal = { status: 400, message: "请求地址含有不允许的控制字符。" };
export const MALFORMED_ACTION: Refusal = { status: 400, message: "提交的数据格式不正确，请刷新页面后重试。" };

const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

function decode(component: string): string | null {
  try {
    return decodeURIComponent(component);
  } catch {
    return null;
  }
}

/** Refuses a request target (`/path?query`) that does not decode as UTF-8 or holds control characters. */
export function checkRequestTarget(target: string): Refusal | null {
  const hashless = target.split("#")[0]!;
  const queryAt = hashless.indexOf("?");
  const path = queryAt === -1 ? hashless : hashless.slice(0, queryAt);
  const query = queryAt === -1 ? "" : hashless.slice(queryAt + 1);
  if (ANY_CONTROL.test(path)) return CONTROL_IN_ADDRESS;
  const decodedPath = decode(path);
  if (decodedPath === null) return MALFORMED_ADDRESS;
  if (ANY_CONTROL.test(decodedPath)) return CONTROL_IN_ADDRESS;
  if (!query) return null;
  if (ANY_CONTROL.test(query)) return CONTROL_IN_ADDRESS;
  for (const pair of query.split("&")) {
    for (const part of pair.split("=")) {
      const decoded = decode(part.replace(/\+/g, " "));
      if (decoded === null) return MALFORMED_ADDRESS;
      if (hasControlCharacters(decoded)) return CONTROL_IN_ADDRESS;
    }
  }
  return null;
}

// React's reply format (what a server action receives): part "0" is the root model in JSON;
// strings such as "$1", "$@2" or "$Q3" refer to other parts by hexadecimal id, read as React reads
// it (parseInt of the longest hexadecimal prefix, so "$Q2FOO" is part 0x2f). A few tags are
// values, not references ("$$" escapes a dollar, "$undefined", "$NaN", "$D<date>", "$n<bigint>",
// "$K<prefix>" a FormData by key prefix, "$T" a temporary reference). A body that is not JSON, or
// refers to a part it does not carry, cannot be decoded and is refused up front.
const VALUE_TAGS = new Set(["$", "K", "I", "-", "N", "u", "D", "n", "T", "Z", "E"]);
const TAGGED_REFERENCES = new Set("@FQWiABOoUSsLlGgMmVRrXxh");

/** The part a string refers to: null when it is a plain value, NaN when React could not resolve it. */
function referencedPart(value: string): number | null {
  if (!value.startsWith("$")) return null;
  const tag = value[1];
  if (tag !== undefined && VALUE_TAGS.has(tag)) return null;
  return parseInt(tag !== undefined && TAGGED_REFERENCES.has(tag) ? value.slice(2) : value.slice(1), 16);
}

function referencesExist(value: unknown, hasPart: (id: number) => boolean, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === "string") {
    const part = referencedPart(value);
    return part === null || (Number.isInteger(part) && hasPart(part));
  }
  if (Array.isArray(value)) return value.every((entry) => referencesExist(entry, hasPart, depth + 1));
  if (value && typeof value === "object")
    return Object.values(value).every((entry) => referencesExist(entry, hasPart, depth + 1));
  return true;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Checks the body of a server-action request (one carrying a `Next-Action` header). Returns a
 * refusal when React could not decode it; a well-formed body still goes through the action's own
 * zod validation.
 */
export async function checkActionRequest(request: Request): Promise<Refusal | null> {
  const contentType = request.headers.get("content-type") ?? "";
  if (contentType.startsWith("multipart/form-data")) {
    const form = await parseMultipart(request);
    if (!form) return MALFORMED_ACTION;
    // A form posted without JavaScript names its action in `$ACTION_…` fields; React and Next
    // validate those. Parts of a fetch action are JSON, the root being "0".
    const keys = form.keys();
    if (keys.some((key) => key.startsWith("$ACTION"))) return null;
    const root = form.get("0");
    if (typeof root !== "string" || !isArgumentList(root)) return MALFORMED_ACTION;
    for (const key of keys) {
      const entry = form.get(key);
      if (!/^\d+$/.test(key) || typeof entry !== "string") continue;
      const parsed = parseJson(entry);
      if (!parsed.ok || !referencesExist(parsed.value, (id) => form.has(String(id)))) return MALFORMED_ACTION;
    }
    return null;
  }
  let text: string;
  try {
    text = await request.text();
  } catch {
    return MALFORMED_ACTION;
  }
  const parsed = parseJson(text);
  // A plain body is the root part alone: the argument list, referring to no other part.
  if (!parsed.ok || !Array.isArray(parsed.value) || !referencesExist(parsed.value, () => false))
    return MALFORMED_ACTION;
  return null;
}

/** The root part of a reply is the action's argument list. */
function isArgumentList(root: string): boolean {
  const parsed = parseJson(root);
  return parsed.ok && Array.isArray(parsed.value);
}

type Fields = { keys: () => string[]; get: (key: string) => string | null | undefined; has: (key: string) => boolean };

/**
 * Multipart bodies are read with busboy, the parser Next.js itself uses for actions, so a body
 * it would reject (a malformed part header) is refused here. Files are drained, not kept.
 */
async function parseMultipart(request: Request): Promise<(Fields & { keys: () => string[] }) | null> {
  // @ts-expect-error Next.js ships its compiled busboy without type declarations.
  const { default: busboy } = (await import("next/dist/compiled/busboy")) as {
    default: (options: object) => import("node:stream").Writable;
  };
  const fields = new Map<string, string | null>();
  try {
    const parser = busboy({ headers: Object.fromEntries(request.headers), defParamCharset: "utf8" });
    const done = new Promise<void>((resolve, reject) => {
      parser.on("field", (name: string, value: string) => fields.set(name, value));
      parser.on("file", (name: string, stream: NodeJS.ReadableStream) => {
        fields.set(name, null);
        stream.resume();
      });
      parser.on("error", reject);
      parser.on("close", resolve);
    });
    const bytes = Buffer.from(await request.arrayBuffer());
    parser.end(bytes);
    await done;
  } catch {
    return null;
  }
  return { keys: () => [...fields.keys()], get: (key) => fields.get(key), has: (key) => fields.has(key) };
}
