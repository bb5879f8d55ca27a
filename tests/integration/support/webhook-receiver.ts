import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import { encryptChannelSecrets } from "@/lib/channels/secrets";
import { verifyWebhookSignature } from "@/lib/channels/adapters/webhook";
import { actorsFor, orgId } from "../helpers";

// A real webhook receiver on loopback, and the publishing, worker and channels:verify helpers the
// delivery tests (channels-delivery*.integration.test.ts) drive it with. Importing files set the
// short retry and expiry intervals (vi.hoisted) before lib/env.ts is first read.

export const SECTION = "区政府办公室政务公开科";
const DISTRICT = "重庆市沙坪坝区人民政府";
export const CHECKS = ["politics", "law", "policy", "secrecy", "wording"];
const SECRET = "webhook-signing-secret-for-the-test";

export type Seen = { key: string; event: string; publicationId: string; contentHash: string; valid: boolean; at: number; duplicate: boolean };
export type Reply = { status: number; accept: boolean; hold?: () => Promise<void> };

/** A webhook receiver that verifies signatures and applies each idempotency key once. */
export class Receiver {
  seen: Seen[] = [];
  processed = new Map<string, string>();
  /** Decides the answer to a request with a valid signature; by default accept. */
  decide: (request: Seen) => Reply | Promise<Reply> = () => ({ status: 200, accept: true });
  private server = http.createServer((request, response) => void this.handle(request, response));
  url = "";

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  forKey(key: string) {
    return this.seen.filter((entry) => entry.key === key);
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse) {
    let body = "";
    for await (const chunk of request) body += chunk;
    const valid = verifyWebhookSignature({
      secret: SECRET,
      timestamp: request.headers["x-tongyuan-timestamp"] as string | undefined,
      body,
      signature: request.headers["x-tongyuan-signature"] as string | undefined,
    });
    const parsed = JSON.parse(body) as { event: string; idempotencyKey: string; publicationId: string; contentHash: string };
    const key = String(request.headers["idempotency-key"] ?? "");
    const entry: Seen = { key, event: parsed.event, publicationId: parsed.publicationId, contentHash: parsed.contentHash, valid, at: Date.now(), duplicate: this.processed.has(key) };
    this.seen.push(entry);
    if (!valid || key !== parsed.idempotencyKey) {
      response.writeHead(401).end("bad signature");
      return;
    }
    if (entry.duplicate) {
      // Already applied: answer as before, do nothing again.
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: this.processed.get(key), duplicate: true }));
      return;
    }
    const reply = await this.decide(entry);
    if (reply.accept) this.processed.set(key, `remote-${this.processed.size + 1}`);
    if (reply.hold) {
      await reply.hold();
      response.destroy();
      return;
    }
    response.writeHead(reply.status, { "content-type": "application/json" }).end(reply.accept ? JSON.stringify({ id: this.processed.get(key) }) : JSON.stringify({ error: "参数错误：标题为空" }));
  }
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 45_000): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (!value) throw new Error(`timed out waiting for ${what}`);
      return value;
    },
    { timeout: timeoutMs, interval: 200 },
  );
}

export async function columnId(slug: string) {
  return (await getDb().column.findFirstOrThrow({ where: { slug, site: { hosts: { some: { host: "localhost" } } } } })).id;
}

export async function webhookChannel(name: string, url: string) {
  const db = getDb();
  const district = await orgId(DISTRICT);
  const account = await db.newMediaAccount.create({ data: { orgId: district, platform: "OTHER", name: `沙坪坝区${name}`, manager: "张三", phone: "023-65000000" } });
  return db.channel.create({ data: { name, kind: "WEBHOOK", orgId: district, accountId: account.id, config: { url }, secrets: encryptChannelSecrets({ signingSecret: SECRET }) } });
}

/** Drafts, submits (publish on approval, to the given channels), and has the review pass. */
export async function publishTo(title: string, channelIds: string[], options: { resourceId?: string; baseVersion?: number; text?: string; correctionNote?: string; beforeFinal?: () => Promise<void> } = {}) {
  const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
  const resource = options.resourceId ? { id: options.resourceId } : await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId(SECTION) });
  const { revision } = await saveRevision(editor, {
    resourceId: resource.id,
    baseVersion: options.baseVersion ?? 0,
    title,
    body: blocksToDoc([{ type: "paragraph", text: options.text ?? `${title}的正文。` }]),
    metadata: { source: { type: "original" } },
  });
  const instance = await submitForReview(editor, {
    resourceId: resource.id,
    baseVersion: revision.number,
    publishMode: "ON_APPROVAL",
    columnIds: options.resourceId ? [] : [await columnId("ywdt")],
    channelIds,
    ...(options.correctionNote ? { correctionNote: options.correctionNote } : {}),
  });
  for (const check of CHECKS) await signOff(reviewer, { instanceId: instance.id, stagePosition: 0, check, decision: "APPROVE", contentHash: revision.contentHash });
  await options.beforeFinal?.();
  await signOff(deputy, { instanceId: instance.id, stagePosition: 1, decision: "APPROVE", contentHash: revision.contentHash });
  const publication = await getDb().publication.findFirstOrThrow({ where: { resourceId: resource.id, supersededAt: null, withdrawnAt: null } });
  return { resourceId: resource.id, revision, publication };
}

export function spawnWorker(): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { env: { ...process.env, NODE_ENV: "test" }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("后台任务已启动")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, ready, exited };
}

export function runVerifyScript(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/channels-verify.ts"], { env: { ...process.env, NODE_ENV: "test" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => resolve({ code, output }));
  });
}
