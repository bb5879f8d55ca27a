import { spawn, type ChildProcess } from "node:child_process";
import { vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import { encryptChannelSecrets } from "@/lib/channels/secrets";
import { WebhookReceiver } from "../../support/webhook-receiver";
import { actorsFor, orgId } from "../helpers";

// The publishing, worker and channels:verify helpers the delivery tests
// (channels-delivery*.integration.test.ts) drive the shared loopback webhook receiver with. Importing files set the
// short retry and expiry intervals (vi.hoisted) before lib/env.ts is first read.

export const SECTION = "区政府办公室政务公开科";
const DISTRICT = "重庆市沙坪坝区人民政府";
export const CHECKS = ["politics", "law", "policy", "secrecy", "wording"];
export const SECRET = "webhook-signing-secret-for-the-test";

/** The shared loopback receiver (tests/support/webhook-receiver.ts), keyed with this file's secret. */
export function newReceiver() {
  return new WebhookReceiver(SECRET);
}

export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
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
  return (await getDb().column.findFirstOrThrow({ where: { slug, site: { hosts: { some: { host: "localhost" } } } } }))
    .id;
}

export async function webhookChannel(name: string, url: string) {
  const db = getDb();
  const district = await orgId(DISTRICT);
  const account = await db.newMediaAccount.create({
    data: { orgId: district, platform: "OTHER", name: `沙坪坝区${name}`, manager: "张三", phone: "023-65000000" },
  });
  return db.channel.create({
    data: {
      name,
      kind: "WEBHOOK",
      orgId: district,
      accountId: account.id,
      config: { url },
      secrets: encryptChannelSecrets({ signingSecret: SECRET }),
    },
  });
}

/** Drafts, submits (publish on approval, to the given channels), and has the review pass. */
export async function publishTo(
  title: string,
  channelIds: string[],
  options: {
    resourceId?: string;
    baseVersion?: number;
    text?: string;
    correctionNote?: string;
    beforeFinal?: () => Promise<void>;
  } = {},
) {
  const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
  const resource = options.resourceId
    ? { id: options.resourceId }
    : await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId(SECTION) });
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
  for (const check of CHECKS)
    await signOff(reviewer, {
      instanceId: instance.id,
      stagePosition: 0,
      check,
      decision: "APPROVE",
      contentHash: revision.contentHash,
    });
  await options.beforeFinal?.();
  await signOff(deputy, {
    instanceId: instance.id,
    stagePosition: 1,
    decision: "APPROVE",
    contentHash: revision.contentHash,
  });
  const publication = await getDb().publication.findFirstOrThrow({
    where: { resourceId: resource.id, supersededAt: null, withdrawnAt: null },
  });
  return { resourceId: resource.id, revision, publication };
}

export function spawnWorker(): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
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
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/channels-verify.ts"], {
      env: { ...process.env, NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => resolve({ code, output }));
  });
}
