import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhookSignature } from "@/lib/channels/adapters/webhook";
import { replyContentHash } from "@/lib/channels/reply-source";
import { ZInboundMessage } from "@/lib/interaction/inbound/message-schema";

// The relay protocol as docs/channel-integration.md states it: its worked example must verify with
// the code that checks real posts, and the body it shows must pass the same schema.

const doc = readFileSync(path.join(process.cwd(), "docs/channel-integration.md"), "utf8");
const example = doc.slice(doc.indexOf("### Worked example"));
const secret = /Secret `([^`]+)`/.exec(example)![1]!;
const timestamp = /timestamp `(\d+)`/.exec(example)![1]!;
const body = /```text\n(.*)\n```/.exec(example)![1]!;
const signature = /X-Tongyuan-Signature: (sha256=[0-9a-f]{64})/.exec(example)![1]!;

describe("the documented inbound example", () => {
  it("is signed as the doc says, and verifies within 5 minutes of its timestamp only", () => {
    expect(Buffer.byteLength(body, "utf8")).toBe(Number(/body of (\d+) bytes/.exec(example)![1]));
    expect(signWebhook(secret, timestamp, body)).toBe(signature);
    const at = Number(timestamp) * 1000;
    expect(verifyWebhookSignature({ secret, timestamp, body, signature, now: at + 299_000 })).toBe(true);
    expect(verifyWebhookSignature({ secret, timestamp, body, signature, now: at + 301_000 })).toBe(false);
    expect(verifyWebhookSignature({ secret, timestamp, body: `${body} `, signature, now: at })).toBe(false);
  });

  it("passes the inbound schema", () => {
    expect(ZInboundMessage.parse(JSON.parse(body))).toMatchObject({
      messageId: "wx-20261206-000153",
      consentToPublish: true,
    });
  });

  it("states the reply's contentHash as the SHA-256 of its text", () => {
    const reply = JSON.parse(/"reply": (\{[^}]*\})/.exec(doc)![1]!) as { text: string };
    expect(doc).toContain(`"contentHash": "${replyContentHash(reply.text)}"`);
  });
});

describe("ZInboundMessage", () => {
  const valid = JSON.parse(body) as Record<string, unknown>;
  const errorsOf = (change: Record<string, unknown>) => {
    const result = ZInboundMessage.safeParse({ ...valid, ...change });
    return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
  };

  it("applies the letter form's rules and its own", () => {
    expect(errorsOf({})).toEqual([]);
    expect(errorsOf({ writerPhone: "1234" })).toEqual(["writerPhone"]);
    expect(errorsOf({ writerIdNumber: "500106199001011234" })).toEqual(["writerIdNumber"]);
    expect(errorsOf({ consentToPublish: "yes" })).toEqual(["consentToPublish"]);
    expect(errorsOf({ messageId: "has space" })).toEqual(["messageId"]);
    expect(errorsOf({ messageId: "x".repeat(101) })).toEqual(["messageId"]);
    expect(errorsOf({ receivedAt: "2026-12-06 09:30" })).toEqual(["receivedAt"]);
    expect(errorsOf({ title: "\u0000标题" })).toEqual(["title"]);
    expect(errorsOf({ type: undefined, content: "短" })).toEqual(["type", "content"]);
  });
});
