import type { Db } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { z } from "zod";
import { FeedParseError, parseFeed } from "@/lib/reports/reprint/parse-feed";
import { ingestItems, type IngestResult } from "@/lib/reports/reprint/ingest";

// Fetching a 转载源, politely: a timeout, a conditional GET (ETag / Last-Modified, so an unchanged
// feed costs a 304), a size cap, and no more often than the job's interval. Whatever goes wrong
// (network, status, size, format) is kept on the source for the page to show, never thrown.

export const FETCH_TIMEOUT_MS = 15_000;
export const MAX_FEED_BYTES = 2 * 1024 * 1024;
const USER_AGENT = "Tongyuan-Reprint/1.0 (+government website CMS; conditional GET)";

export type FetchOutcome =
  | ({ status: "updated"; format: string } & IngestResult)
  | { status: "not-modified" }
  | { status: "failed"; error: string };

class FetchProblem extends Error {}

async function readCapped(response: Response): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > MAX_FEED_BYTES) throw new FetchProblem(`内容过大（超过 ${MAX_FEED_BYTES / 1024 / 1024} MB）`);
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_FEED_BYTES) {
      await reader.cancel();
      throw new FetchProblem(`内容过大（超过 ${MAX_FEED_BYTES / 1024 / 1024} MB）`);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}

function describe(error: unknown): string {
  if (error instanceof FetchProblem || error instanceof FeedParseError) return error.message;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
    return `连接超时（${FETCH_TIMEOUT_MS / 1000} 秒）`;
  const cause = (error as { cause?: { code?: string } } | null)?.cause?.code;
  return cause ? `无法连接（${cause}）` : "无法连接";
}

/** Fetches one source and queues its new items; `now` is the fetch time (a fixed clock in tests). */
export async function fetchSource(db: Db, sourceId: string, now: Date = new Date()): Promise<FetchOutcome> {
  const source = await db.reprintSource.findUnique({ where: { id: sourceId } });
  if (!source) throw notFound();
  let text: string;
  let etag: string | null = null;
  let lastModified: string | null = null;
  try {
    const headers: Record<string, string> = {
      "user-agent": USER_AGENT,
      accept:
        "application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml, text/xml;q=0.9, */*;q=0.5",
    };
    if (source.etag) headers["if-none-match"] = source.etag;
    if (source.lastModified) headers["if-modified-since"] = source.lastModified;
    const response = await fetch(source.feedUrl, {
      headers,
      redirect: "follow",
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (response.status === 304) {
      await response.body?.cancel();
      await db.reprintSource.update({
        where: { id: source.id },
        data: { lastFetchedAt: now, lastError: null, lastErrorAt: null },
      });
      return { status: "not-modified" };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new FetchProblem(`服务器返回 ${response.status}`);
    }
    etag = response.headers.get("etag");
    lastModified = response.headers.get("last-modified");
    text = await readCapped(response);
  } catch (error) {
    return recordFailure(db, source.id, now, describe(error));
  }
  let parsed;
  try {
    parsed = parseFeed(text);
  } catch (error) {
    return recordFailure(db, source.id, now, `无法解析：${describe(error)}`);
  }
  const result = await db.$transaction(async (tx) => {
    // One fetch of a source at a time: the job and 立即抓取 may meet.
    await tx.$executeRaw`select 1 from "ReprintSource" where id = ${source.id}::uuid for update`;
    const current = await tx.reprintSource.findUniqueOrThrow({ where: { id: source.id } });
    const ingested = await ingestItems(
      tx,
      { id: source.id, firstFetch: current.lastFetchedAt === null },
      parsed.items,
      now,
    );
    await tx.reprintSource.update({
      where: { id: source.id },
      data: {
        format: parsed.format,
        etag: etag?.slice(0, 200) ?? null,
        lastModified: lastModified?.slice(0, 100) ?? null,
        lastFetchedAt: now,
        lastError: null,
        lastErrorAt: null,
      },
    });
    return ingested;
  });
  return { status: "updated", format: parsed.format, ...result };
}

async function recordFailure(db: Db, sourceId: string, now: Date, error: string): Promise<FetchOutcome> {
  await db.reprintSource.update({ where: { id: sourceId }, data: { lastError: error, lastErrorAt: now } });
  return { status: "failed", error };
}

/** The job: every enabled source, one after another (a failing one does not stop the others). */
export async function fetchEnabledSources(db: Db, now: () => Date = () => new Date()) {
  const sources = await db.reprintSource.findMany({ where: { enabled: true }, select: { id: true } });
  let queued = 0;
  let failed = 0;
  for (const source of sources) {
    const outcome = await fetchSource(db, source.id, now());
    if (outcome.status === "updated") queued += outcome.queued;
    if (outcome.status === "failed") failed += 1;
  }
  return { sources: sources.length, queued, failed };
}

/** 立即抓取: the supervising unit fetches one source now. */
export async function fetchSourceNow(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const { sourceId } = parseInput(z.object({ sourceId: z.uuid() }), input);
  const role = await assertCan(actor, "reprint.source.manage", "platform");
  const db = getDb();
  const outcome = await fetchSource(db, sourceId);
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "reprint.source.fetch",
      subject: `reprint-source:${sourceId}`,
      data: outcome.status === "updated" ? { status: outcome.status, queued: outcome.queued } : { ...outcome },
      ...context,
    }),
  );
  return outcome;
}
