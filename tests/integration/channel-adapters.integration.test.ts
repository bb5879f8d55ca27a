import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeliveryError, getAdapter, verifyWebhookSignature, type ChannelTarget, type DeliveryCheckpoint, type DeliveryRequest } from "@/lib/channels/adapters";
import { clearWechatTokens, createWechatAdapter } from "@/lib/channels/adapters/wechat";
import { renderForChannel } from "@/lib/channels/renditions/render";
import type { RenditionSource } from "@/lib/channels/renditions/types";

// The adapters against real HTTP servers on loopback: a webhook receiver that checks signatures
// the way a receiver should, and fake WeChat and Weibo platforms that check each request's shape
// (method, path, token, fields, multipart upload) and answer as the platforms document.

type Received = { method: string; path: string; query: URLSearchParams; headers: IncomingMessage["headers"]; body: Buffer };
type Handler = (request: Received, response: ServerResponse) => void | Promise<void>;

const servers: { close: () => Promise<void> }[] = [];

async function startServer(handler: Handler) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const request = { method: req.method ?? "", path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks) };
      received.push(request);
      Promise.resolve(handler(request, res)).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const handle = {
    base,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(handle);
  return handle;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function multipart(request: Received): Promise<FormData> {
  return new Response(new Uint8Array(request.body), { headers: { "content-type": String(request.headers["content-type"]) } }).formData();
}

const PNG = readFileSync(path.resolve("public/channels/wechat-cover.png"));

function source(portalBase: string, overrides: Partial<RenditionSource> = {}): RenditionSource {
  return {
    resourceId: "11111111-1111-4111-8111-111111111111",
    kind: "ARTICLE",
    title: "全市一季度经济运行情况",
    bodyHtml: '<p>一季度，全市经济运行稳中向好。</p><p><img src="/img/chart.png" alt="图表"></p><p>详见<a href="https://stats.example.cn/q1">统计公报</a>。</p>',
    metadata: { summary: "一季度经济运行稳中向好。", source: { type: "original" }, keywords: [], disclosure: { type: "proactive" }, relations: [] },
    contentHash: "c".repeat(64),
    publishedAt: new Date("2026-04-20T02:00:00Z"),
    sourceName: "市统计局",
    portalUrl: `${portalBase}/content/11111111-1111-4111-8111-111111111111`,
    correctionNote: null,
    ...overrides,
  };
}

function deliveryRequest(overrides: Partial<DeliveryRequest> = {}): DeliveryRequest {
  return {
    deliveryId: "22222222-2222-4222-8222-222222222222",
    action: "PUBLISH",
    idempotencyKey: "delivery-22222222-publish",
    contentHash: "c".repeat(64),
    publicationId: "33333333-3333-4333-8333-333333333333",
    resourceId: "11111111-1111-4111-8111-111111111111",
    previousRemoteId: null,
    rendition: null,
    checkpoint: null,
    saveCheckpoint: async () => {},
    ...overrides,
  };
}

async function deliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  }
  throw new Error("expected a DeliveryError");
}

// ───────────────────────── webhook ─────────────────────────

describe("webhook adapter", () => {
  const SECRET = "whsec-0123456789abcdef";

  /** A receiver as the documentation tells integrators to write one. */
  async function receiver(options: { clockOffsetSeconds?: number; status?: number; delayMs?: number } = {}) {
    const seen = new Set<string>();
    const accepted: { event: string; body: Record<string, unknown> }[] = [];
    const server = await startServer(async (request, res) => {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (options.status) return json(res, options.status, { error: "receiver says no" });
      const body = request.body.toString("utf8");
      const valid = verifyWebhookSignature({
        secret: SECRET,
        timestamp: request.headers["x-tongyuan-timestamp"] as string | undefined,
        signature: request.headers["x-tongyuan-signature"] as string | undefined,
        body,
        now: Date.now() + (options.clockOffsetSeconds ?? 0) * 1000,
      });
      if (request.method !== "POST" || !valid) return json(res, 401, { error: "bad signature" });
      const key = String(request.headers["idempotency-key"]);
      const parsed = JSON.parse(body) as Record<string, unknown>;
      expect(parsed.idempotencyKey).toBe(key);
      if (!seen.has(key)) {
        seen.add(key);
        accepted.push({ event: String(parsed.event), body: parsed });
      }
      json(res, 200, { id: `stored-${accepted.length}` });
    });
    return { ...server, accepted };
  }

  const target = (url: string, secret = SECRET): ChannelTarget => ({ id: "ch-webhook", kind: "WEBHOOK", config: { url: `${url}/hooks/tongyuan` }, secrets: { signingSecret: secret } });

  it("delivers a signed JSON event the receiver verifies, once per idempotency key", async () => {
    const server = await receiver();
    const rendition = renderForChannel("WEBHOOK", source(server.base));
    const request = deliveryRequest({ rendition });
    const result = await getAdapter("WEBHOOK").deliver(target(server.base), request, { timeoutMs: 2000 });
    expect(result).toEqual({ status: "ACKNOWLEDGED", remoteId: "stored-1" });
    // A retry of the same delivery (lost answer) carries the same key: the receiver applies it once.
    await getAdapter("WEBHOOK").deliver(target(server.base), request, { timeoutMs: 2000 });
    expect(server.received).toHaveLength(2);
    expect(server.accepted).toHaveLength(1);
    const [{ event, body }] = server.accepted as [{ event: string; body: Record<string, unknown> }];
    expect(event).toBe("publication.published");
    expect(body).toMatchObject({
      deliveryId: request.deliveryId,
      publicationId: request.publicationId,
      resourceId: request.resourceId,
      contentHash: "c".repeat(64),
      rendition: { format: "json", document: { title: "全市一季度经济运行情况", kindLabel: "政务动态" } },
    });
    const first = server.received[0]!;
    expect(first.path).toBe("/hooks/tongyuan");
    expect(first.headers["content-type"]).toMatch(/^application\/json/);
    expect(first.headers["x-tongyuan-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it("APP and TOUTIAO channels use the same signed webhook", async () => {
    const server = await receiver();
    for (const kind of ["APP", "TOUTIAO"] as const) {
      const rendition = renderForChannel(kind, source(server.base));
      await getAdapter(kind).deliver({ ...target(server.base), kind }, deliveryRequest({ idempotencyKey: `key-${kind}`, rendition }), { timeoutMs: 2000 });
    }
    expect(server.accepted.map((entry) => entry.body.idempotencyKey)).toEqual(["key-APP", "key-TOUTIAO"]);
  });

  it("sends withdrawal as its own event without content", async () => {
    const server = await receiver();
    await getAdapter("WEBHOOK").deliver(target(server.base), deliveryRequest({ action: "RECALL", idempotencyKey: "recall-1", previousRemoteId: "stored-1" }), { timeoutMs: 2000 });
    expect(server.accepted[0]).toMatchObject({ event: "publication.withdrawn", body: { rendition: null } });
  });

  it("is refused by the receiver when signed with another secret (4xx: not retried)", async () => {
    const server = await receiver();
    const rendition = renderForChannel("WEBHOOK", source(server.base));
    const error = await deliveryError(getAdapter("WEBHOOK").deliver(target(server.base, "another-secret-of-length"), deliveryRequest({ rendition }), { timeoutMs: 2000 }));
    expect(error).toMatchObject({ retryable: false, httpStatus: 401 });
    expect(server.accepted).toHaveLength(0);
  });

  it("refuses replays: an old timestamp or an altered body fails verification", async () => {
    const server = await receiver();
    await getAdapter("WEBHOOK").deliver(target(server.base), deliveryRequest({ rendition: renderForChannel("WEBHOOK", source(server.base)) }), { timeoutMs: 2000 });
    const sent = server.received[0]!;
    const captured = {
      secret: SECRET,
      timestamp: sent.headers["x-tongyuan-timestamp"] as string,
      signature: sent.headers["x-tongyuan-signature"] as string,
      body: sent.body.toString("utf8"),
    };
    expect(verifyWebhookSignature(captured)).toBe(true);
    // Replayed ten minutes later: outside the five-minute window.
    expect(verifyWebhookSignature({ ...captured, now: Date.now() + 600_000 })).toBe(false);
    expect(verifyWebhookSignature({ ...captured, now: Date.now() + 600_000, toleranceSeconds: 900 })).toBe(true);
    expect(verifyWebhookSignature({ ...captured, body: captured.body.replace("全市", "全省") })).toBe(false);
    expect(verifyWebhookSignature({ ...captured, timestamp: String(Number(captured.timestamp) + 1) })).toBe(false);
    expect(verifyWebhookSignature({ ...captured, signature: null })).toBe(false);

    // The replay sent to a receiver whose clock is ten minutes on is refused.
    const later = await receiver({ clockOffsetSeconds: 600 });
    const replay = await fetch(`${later.base}/hooks/tongyuan`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-tongyuan-timestamp": captured.timestamp, "x-tongyuan-signature": captured.signature, "idempotency-key": "delivery-22222222-publish" },
      body: captured.body,
    });
    expect(replay.status).toBe(401);
    expect(later.accepted).toHaveLength(0);
  });

  it("classifies failures: 5xx and timeouts are retried, 4xx and redirects are not", async () => {
    const rendition = renderForChannel("WEBHOOK", source("https://www.example.gov.cn"));
    const request = deliveryRequest({ rendition });
    const adapter = getAdapter("WEBHOOK");

    const failing = await receiver({ status: 503 });
    expect(await deliveryError(adapter.deliver(target(failing.base), request, { timeoutMs: 2000 }))).toMatchObject({ retryable: true, httpStatus: 503 });

    const refusing = await receiver({ status: 422 });
    expect(await deliveryError(adapter.deliver(target(refusing.base), request, { timeoutMs: 2000 }))).toMatchObject({ retryable: false, httpStatus: 422 });

    const redirecting = await startServer((_request, res) => void res.writeHead(302, { location: "http://127.0.0.1:1/elsewhere" }).end());
    expect(await deliveryError(adapter.deliver(target(redirecting.base), request, { timeoutMs: 2000 }))).toMatchObject({ retryable: false, httpStatus: 302 });

    const slow = await receiver({ delayMs: 1500 });
    const timeout = await deliveryError(adapter.deliver(target(slow.base), request, { timeoutMs: 200 }));
    expect(timeout.retryable).toBe(true);
    expect(timeout.message).toContain("超时");

    const closed = await startServer(() => undefined);
    const closedBase = closed.base;
    await closed.close();
    const refused = await deliveryError(adapter.deliver(target(closedBase), request, { timeoutMs: 2000 }));
    expect(refused.retryable).toBe(true);
    expect(refused.message).toContain("连接失败");
  });

  it("refuses to send without a signing secret", async () => {
    const error = await deliveryError(getAdapter("WEBHOOK").deliver({ id: "x", kind: "WEBHOOK", config: { url: "http://127.0.0.1:9/" }, secrets: {} }, deliveryRequest(), { timeoutMs: 500 }));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("签名密钥");
  });
});

// ───────────────────────── WeChat ─────────────────────────

describe("WeChat adapter", () => {
  const APP_ID = "wx0123456789abcdef";
  const APP_SECRET = "wechat-app-secret-0123456789";
  beforeEach(() => clearWechatTokens());

  type Mode = { publishStatus?: number[]; expireTokenOnDraft?: boolean; draftErrcode?: number; deleteErrcode?: number; submitUnanswered?: number; submitErrcode?: number };

  /** A fake api.weixin.qq.com that checks every call as the documentation describes it. */
  async function fakeWechat(mode: Mode = {}) {
    const problems: string[] = [];
    const calls: string[] = [];
    let tokenSerial = 0;
    let currentToken = "";
    let expireOnce = mode.expireTokenOnDraft ?? false;
    const statuses = [...(mode.publishStatus ?? [0])];
    const deleted: unknown[] = [];
    const drafts: Record<string, unknown>[] = [];
    let submits = 0;
    let unanswered = mode.submitUnanswered ?? 0;
    const check = (condition: boolean, message: string) => {
      if (!condition) problems.push(message);
    };
    const server = await startServer(async (request, res) => {
      calls.push(request.path);
      if (request.method === "GET" && request.path === "/img/chart.png") return void res.writeHead(200, { "content-type": "image/png" }).end(PNG);
      check(request.method === "POST", `${request.path}: method ${request.method}`);
      if (request.path === "/cgi-bin/stable_token") {
        const body = JSON.parse(request.body.toString("utf8")) as Record<string, unknown>;
        check(body.grant_type === "client_credential", "stable_token: grant_type");
        if (body.appid !== APP_ID || body.secret !== APP_SECRET) return json(res, 200, { errcode: 40125, errmsg: "invalid appsecret" });
        currentToken = `TOKEN-${++tokenSerial}`;
        return json(res, 200, { access_token: currentToken, expires_in: 7200 });
      }
      if (request.query.get("access_token") !== currentToken) return json(res, 200, { errcode: 40001, errmsg: "invalid credential, access_token is invalid or not latest" });
      switch (request.path) {
        case "/cgi-bin/media/uploadimg":
        case "/cgi-bin/material/add_material": {
          check(String(request.headers["content-type"]).startsWith("multipart/form-data"), `${request.path}: multipart`);
          const form = await multipart(request);
          const media = form.get("media");
          check(media instanceof File && media.size > 0, `${request.path}: media file`);
          if (media instanceof File) check(Buffer.from(await media.arrayBuffer()).subarray(0, 4).equals(PNG.subarray(0, 4)), `${request.path}: PNG bytes`);
          if (request.path === "/cgi-bin/material/add_material") {
            check(request.query.get("type") === "image", "add_material: type=image");
            return json(res, 200, { media_id: "THUMB-1", url: "http://mmbiz.qpic.cn/mmbiz_png/cover/0" });
          }
          return json(res, 200, { url: "http://mmbiz.qpic.cn/mmbiz_png/chart/0" });
        }
        case "/cgi-bin/draft/add": {
          if (expireOnce) {
            expireOnce = false;
            currentToken = "";
            return json(res, 200, { errcode: 42001, errmsg: "access_token expired" });
          }
          if (mode.draftErrcode) return json(res, 200, { errcode: mode.draftErrcode, errmsg: "refused" });
          const body = JSON.parse(request.body.toString("utf8")) as { articles: Record<string, unknown>[] };
          const article = body.articles?.[0] ?? {};
          drafts.push(article);
          for (const field of ["title", "author", "digest", "content", "content_source_url", "thumb_media_id"]) check(typeof article[field] === "string", `draft/add: ${field}`);
          check(article.thumb_media_id === "THUMB-1", "draft/add: thumb_media_id from add_material");
          check(article.need_open_comment === 0, "draft/add: need_open_comment");
          return json(res, 200, { media_id: "DRAFT-1" });
        }
        case "/cgi-bin/freepublish/submit": {
          const body = JSON.parse(request.body.toString("utf8")) as Record<string, unknown>;
          check(body.media_id === "DRAFT-1", "freepublish/submit: media_id");
          submits += 1;
          if (mode.submitErrcode && submits === 1) return json(res, 200, { errcode: mode.submitErrcode, errmsg: "system error" });
          if (unanswered > 0) {
            // Taken, but the answer comes after the caller gave up waiting.
            unanswered -= 1;
            await new Promise((resolve) => setTimeout(resolve, 500));
          }
          return json(res, 200, { errcode: 0, errmsg: "ok", publish_id: "2247483647" });
        }
        case "/cgi-bin/freepublish/get": {
          const body = JSON.parse(request.body.toString("utf8")) as Record<string, unknown>;
          check(body.publish_id === "2247483647", "freepublish/get: publish_id");
          const status = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
          return json(res, 200, status === 0 ? { publish_id: "2247483647", publish_status: 0, article_id: "ARTICLE-1", fail_idx: [] } : { publish_id: "2247483647", publish_status: status, fail_idx: status === 1 ? [] : [1] });
        }
        case "/cgi-bin/freepublish/delete": {
          const body = JSON.parse(request.body.toString("utf8")) as Record<string, unknown>;
          check(typeof body.article_id === "string" && body.index === 0, "freepublish/delete: article_id, index 0");
          deleted.push(body.article_id);
          if (mode.deleteErrcode) return json(res, 200, { errcode: mode.deleteErrcode, errmsg: "refused" });
          return json(res, 200, { errcode: 0, errmsg: "ok" });
        }
        default:
          problems.push(`unexpected ${request.path}`);
          return json(res, 404, {});
      }
    });
    return { ...server, problems, calls, deleted, drafts, submits: () => submits };
  }

  const target = (base: string, secret = APP_SECRET): ChannelTarget => ({ id: "ch-wx", kind: "WECHAT", config: { appId: APP_ID, apiBase: base }, secrets: { appSecret: secret } });
  const adapter = createWechatAdapter({ pollDelaysMs: [0, 20] });

  it("uploads the images and the cover, adds a draft and publishes it", async () => {
    const wx = await fakeWechat();
    const rendition = renderForChannel("WECHAT", source(wx.base));
    const result = await adapter.deliver(target(wx.base), deliveryRequest({ rendition }), { timeoutMs: 2000 });
    expect(wx.problems).toEqual([]);
    expect(result).toEqual({ status: "ACKNOWLEDGED", remoteId: "ARTICLE-1" });
    expect(wx.calls).toEqual(["/img/chart.png", "/cgi-bin/stable_token", "/cgi-bin/media/uploadimg", "/cgi-bin/material/add_material", "/cgi-bin/draft/add", "/cgi-bin/freepublish/submit", "/cgi-bin/freepublish/get"]);
    const article = wx.drafts[0]!;
    expect(article.title).toBe("全市一季度经济运行情况");
    expect(article.author).toBe("市统计局");
    expect(article.digest).toBe("一季度经济运行稳中向好。");
    expect(article.content_source_url).toBe(`${wx.base}/content/11111111-1111-4111-8111-111111111111`);
    // The text points at the re-hosted image, never at our server.
    expect(article.content).toContain('src="http://mmbiz.qpic.cn/mmbiz_png/chart/0"');
    expect(article.content).not.toContain("/img/chart.png");
    expect(article.content).toContain("统计公报（https://stats.example.cn/q1）");
  });

  it("uses the default cover when the article has no image", async () => {
    const wx = await fakeWechat();
    const rendition = renderForChannel("WECHAT", source(wx.base, { bodyHtml: "<p>没有图片的通知。</p>" }));
    await adapter.deliver(target(wx.base), deliveryRequest({ rendition }), { timeoutMs: 2000 });
    expect(wx.problems).toEqual([]);
    expect(wx.calls).not.toContain("/cgi-bin/media/uploadimg");
    expect(wx.calls).toContain("/cgi-bin/material/add_material");
  });

  it("refreshes an expired token once and repeats the call", async () => {
    const wx = await fakeWechat({ expireTokenOnDraft: true });
    const rendition = renderForChannel("WECHAT", source(wx.base));
    const result = await adapter.deliver(target(wx.base), deliveryRequest({ rendition }), { timeoutMs: 2000 });
    expect(result.status).toBe("ACKNOWLEDGED");
    expect(wx.calls.filter((call) => call === "/cgi-bin/stable_token")).toHaveLength(2);
    expect(wx.calls.filter((call) => call === "/cgi-bin/draft/add")).toHaveLength(2);
  });

  it("leaves a publish still in progress SENT, and poll() acknowledges it later", async () => {
    const wx = await fakeWechat({ publishStatus: [1, 1, 0] });
    const rendition = renderForChannel("WECHAT", source(wx.base));
    const result = await adapter.deliver(target(wx.base), deliveryRequest({ rendition }), { timeoutMs: 2000 });
    expect(result).toEqual({ status: "SENT", remoteId: "publish:2247483647" });
    expect(await adapter.poll!(target(wx.base), "publish:2247483647", { timeoutMs: 2000 })).toEqual({ status: "ACKNOWLEDGED", remoteId: "ARTICLE-1" });
  });

  it("classifies platform errors: system busy is retried, a refused request and a failed publish are not", async () => {
    const busy = await fakeWechat({ draftErrcode: -1 });
    const rendition = renderForChannel("WECHAT", source(busy.base));
    expect(await deliveryError(adapter.deliver(target(busy.base), deliveryRequest({ rendition }), { timeoutMs: 2000 }))).toMatchObject({ retryable: true });

    const refused = await fakeWechat({ draftErrcode: 45002 });
    const error = await deliveryError(adapter.deliver(target(refused.base), deliveryRequest({ rendition: renderForChannel("WECHAT", source(refused.base)) }), { timeoutMs: 2000 }));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("45002");

    const rejected = await fakeWechat({ publishStatus: [4] });
    const audit = await deliveryError(adapter.deliver(target(rejected.base), deliveryRequest({ rendition: renderForChannel("WECHAT", source(rejected.base)) }), { timeoutMs: 2000 }));
    expect(audit.retryable).toBe(false);
    expect(audit.message).toContain("审核不通过");
  });

  it("resumes from its checkpoint: one draft, an unanswered submit waits for a person, a refused one is repeated", async () => {
    const wx = await fakeWechat({ submitUnanswered: 1 });
    const rendition = renderForChannel("WECHAT", source(wx.base));
    let checkpoint: DeliveryCheckpoint | null = null;
    const saved: DeliveryCheckpoint[] = [];
    const request = () =>
      deliveryRequest({
        rendition,
        checkpoint,
        saveCheckpoint: async (next) => {
          saved.push(next);
          checkpoint = next;
        },
      });
    // The submit goes out and its answer never arrives: not retried automatically.
    const unanswered = await deliveryError(adapter.deliver(target(wx.base), request(), { timeoutMs: 300 }));
    expect(unanswered.retryable).toBe(false);
    expect(unanswered.message).toContain("未收到微信的明确答复");
    expect(saved).toEqual([{ mediaId: "DRAFT-1" }, { mediaId: "DRAFT-1", uncertain: true }]);
    const calls = wx.calls.length;
    expect(await deliveryError(adapter.deliver(target(wx.base), request(), { timeoutMs: 2000 }))).toMatchObject({ retryable: false, message: expect.stringContaining("请先在公众号后台") });
    expect(wx.calls.length).toBe(calls);

    // A person checked and retried (retryDelivery clears the flag): the same draft is submitted.
    checkpoint = { mediaId: "DRAFT-1", uncertain: false };
    expect(await adapter.deliver(target(wx.base), request(), { timeoutMs: 2000 })).toEqual({ status: "ACKNOWLEDGED", remoteId: "ARTICLE-1" });
    expect(wx.drafts).toHaveLength(1);
    expect(wx.submits()).toBe(2);
    expect(checkpoint).toEqual({ mediaId: "DRAFT-1", publishId: "2247483647" });
    // Submitted already: a further attempt only asks how the publication went.
    wx.calls.length = 0;
    expect(await adapter.deliver(target(wx.base), request(), { timeoutMs: 2000 })).toEqual({ status: "ACKNOWLEDGED", remoteId: "ARTICLE-1" });
    expect(wx.calls).toEqual(["/cgi-bin/freepublish/get"]);
    expect(wx.problems).toEqual([]);

    // WeChat answered "system busy": nothing went out, so the automatic retry submits again.
    const busy = await fakeWechat({ submitErrcode: -1 });
    checkpoint = null;
    saved.length = 0;
    const rendered = renderForChannel("WECHAT", source(busy.base));
    const retry = () => deliveryRequest({ rendition: rendered, checkpoint, saveCheckpoint: async (next) => void (checkpoint = next) });
    expect(await deliveryError(adapter.deliver(target(busy.base), retry(), { timeoutMs: 2000 }))).toMatchObject({ retryable: true });
    expect(checkpoint).toEqual({ mediaId: "DRAFT-1" });
    expect(await adapter.deliver(target(busy.base), retry(), { timeoutMs: 2000 })).toMatchObject({ status: "ACKNOWLEDGED" });
    expect(busy.drafts).toHaveLength(1);
    expect(busy.submits()).toBe(2);
  });

  it("refuses a wrong app secret without showing it", async () => {
    const wx = await fakeWechat();
    const error = await deliveryError(adapter.deliver(target(wx.base, "not-the-right-secret-000"), deliveryRequest({ rendition: renderForChannel("WECHAT", source(wx.base)) }), { timeoutMs: 2000 }));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("40125");
    expect(error.message).not.toContain("not-the-right-secret");
  });

  it("recalls by deleting the published article, and a correction replaces it", async () => {
    const wx = await fakeWechat();
    expect(await adapter.deliver(target(wx.base), deliveryRequest({ action: "RECALL", previousRemoteId: "ARTICLE-0" }), { timeoutMs: 2000 })).toEqual({ status: "ACKNOWLEDGED", remoteId: "ARTICLE-0" });
    expect(wx.deleted).toEqual(["ARTICLE-0"]);

    const rendition = renderForChannel("WECHAT", source(wx.base, { correctionNote: "更正了图表数据" }));
    const corrected = await adapter.deliver(target(wx.base), deliveryRequest({ action: "CORRECT", previousRemoteId: "ARTICLE-0", rendition }), { timeoutMs: 2000 });
    expect(corrected.remoteId).toBe("ARTICLE-1");
    expect(wx.deleted).toEqual(["ARTICLE-0", "ARTICLE-0"]);
    expect(wx.calls.lastIndexOf("/cgi-bin/freepublish/delete")).toBeLessThan(wx.calls.lastIndexOf("/cgi-bin/draft/add"));
    expect(wx.drafts.at(-1)!.title).toBe("【更正】全市一季度经济运行情况");
    expect(wx.problems).toEqual([]);
  });
});

// ───────────────────────── Weibo ─────────────────────────

describe("Weibo adapter", () => {
  const TOKEN = "2.00weibo-access-token-0123";

  async function fakeWeibo(mode: { shareError?: { status: number; code: number } } = {}) {
    const problems: string[] = [];
    const statuses = new Map<string, string>([["4999", "旧微博"]]);
    const log: string[] = [];
    let serial = 5000000000000000;
    const server = await startServer((request, res) => {
      if (request.method !== "POST") problems.push(`${request.path}: method ${request.method}`);
      if (!String(request.headers["content-type"]).startsWith("application/x-www-form-urlencoded")) problems.push(`${request.path}: form encoding`);
      const form = new URLSearchParams(request.body.toString("utf8"));
      if (form.get("access_token") !== TOKEN) return json(res, 400, { error: "expired_token", error_code: 21327, request: request.path });
      if (request.path === "/2/statuses/share.json") {
        if (mode.shareError) return json(res, mode.shareError.status, { error: "refused", error_code: mode.shareError.code, request: request.path });
        const status = form.get("status") ?? "";
        if (!status.includes("http")) problems.push("share: status without a link to the safe domain");
        const id = String(++serial);
        statuses.set(id, status);
        log.push(`share ${id}`);
        return json(res, 200, { id: Number(id), idstr: id, text: status });
      }
      if (request.path === "/2/statuses/destroy.json") {
        const id = form.get("id") ?? "";
        log.push(`destroy ${id}`);
        if (!statuses.delete(id)) return json(res, 400, { error: "target weibo does not exist!", error_code: 20101, request: request.path });
        return json(res, 200, { idstr: id });
      }
      problems.push(`unexpected ${request.path}`);
      return json(res, 404, {});
    });
    return { ...server, problems, statuses, log };
  }

  const target = (base: string, token = TOKEN): ChannelTarget => ({ id: "ch-wb", kind: "WEIBO", config: { apiBase: base }, secrets: { accessToken: token } });

  it("shares the status with the link back and records its id", async () => {
    const weibo = await fakeWeibo();
    const rendition = renderForChannel("WEIBO", source("https://www.example.gov.cn"));
    const result = await getAdapter("WEIBO").deliver(target(weibo.base), deliveryRequest({ rendition }), { timeoutMs: 2000 });
    expect(result).toEqual({ status: "ACKNOWLEDGED", remoteId: "5000000000000001" });
    expect(weibo.problems).toEqual([]);
    expect(weibo.statuses.get("5000000000000001")).toBe("【全市一季度经济运行情况】一季度经济运行稳中向好。 https://www.example.gov.cn/content/11111111-1111-4111-8111-111111111111");
  });

  it("corrects by taking the old status down and sharing the corrected one; recalls by destroying", async () => {
    const weibo = await fakeWeibo();
    const rendition = renderForChannel("WEIBO", source("https://www.example.gov.cn", { correctionNote: "数据有误，已更正" }));
    const corrected = await getAdapter("WEIBO").deliver(target(weibo.base), deliveryRequest({ action: "CORRECT", previousRemoteId: "4999", rendition }), { timeoutMs: 2000 });
    expect(weibo.log).toEqual(["destroy 4999", `share ${corrected.remoteId}`]);
    expect(weibo.statuses.get(corrected.remoteId!)).toMatch(/^【更正】【全市一季度经济运行情况】数据有误，已更正 https:/);
    // Retrying the correction after the old one is gone still goes through.
    await getAdapter("WEIBO").deliver(target(weibo.base), deliveryRequest({ action: "CORRECT", previousRemoteId: "4999", rendition }), { timeoutMs: 2000 });

    const recalled = await getAdapter("WEIBO").deliver(target(weibo.base), deliveryRequest({ action: "RECALL", previousRemoteId: corrected.remoteId }), { timeoutMs: 2000 });
    expect(recalled).toEqual({ status: "ACKNOWLEDGED", remoteId: corrected.remoteId });
    expect(weibo.statuses.has(corrected.remoteId!)).toBe(false);
    // Recalling what is already gone is done, not an error.
    await getAdapter("WEIBO").deliver(target(weibo.base), deliveryRequest({ action: "RECALL", previousRemoteId: corrected.remoteId }), { timeoutMs: 2000 });
    expect(weibo.problems).toEqual([]);
  });

  it("classifies failures: an expired token is not retried, rate limits and 5xx are", async () => {
    const rendition = renderForChannel("WEIBO", source("https://www.example.gov.cn"));
    const weibo = await fakeWeibo();
    const expired = await deliveryError(getAdapter("WEIBO").deliver(target(weibo.base, "2.00stale-token-000000000"), deliveryRequest({ rendition }), { timeoutMs: 2000 }));
    expect(expired.retryable).toBe(false);
    expect(expired.message).toContain("Access Token");
    expect(expired.message).not.toContain("stale-token");

    const limited = await fakeWeibo({ shareError: { status: 403, code: 10023 } });
    expect(await deliveryError(getAdapter("WEIBO").deliver(target(limited.base), deliveryRequest({ rendition }), { timeoutMs: 2000 }))).toMatchObject({ retryable: true, httpStatus: 403 });

    const repeated = await fakeWeibo({ shareError: { status: 400, code: 20019 } });
    expect(await deliveryError(getAdapter("WEIBO").deliver(target(repeated.base), deliveryRequest({ rendition }), { timeoutMs: 2000 }))).toMatchObject({ retryable: false });

    // A gateway's 502 does not say whether Weibo posted it: a person checks before a retry.
    const down = await startServer((_request, res) => void res.writeHead(502).end("Bad Gateway"));
    const unknown = await deliveryError(getAdapter("WEIBO").deliver(target(down.base), deliveryRequest({ rendition }), { timeoutMs: 2000 }));
    expect(unknown).toMatchObject({ retryable: false, message: expect.stringContaining("HTTP 502") });
    expect(unknown.message).toContain("请先在微博账号主页核实");
  });

  it("records the share: a retry after it went out posts nothing more; an unanswered one waits for a person", async () => {
    const weibo = await fakeWeibo();
    const rendition = renderForChannel("WEIBO", source("https://www.example.gov.cn"));
    let checkpoint: DeliveryCheckpoint | null = null;
    const request = () => deliveryRequest({ rendition, checkpoint, saveCheckpoint: async (next) => void (checkpoint = next) });
    const first = await getAdapter("WEIBO").deliver(target(weibo.base), request(), { timeoutMs: 2000 });
    expect(checkpoint).toEqual({ statusId: first.remoteId });
    expect(await getAdapter("WEIBO").deliver(target(weibo.base), request(), { timeoutMs: 2000 })).toEqual(first);
    expect(weibo.log).toEqual([`share ${first.remoteId}`]);

    // Sent, and no answer within the deadline.
    const slow = await startServer(async (_request, res) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      json(res, 200, { idstr: "5999" });
    });
    checkpoint = null;
    const lost = await deliveryError(getAdapter("WEIBO").deliver(target(slow.base), request(), { timeoutMs: 200 }));
    expect(lost).toMatchObject({ retryable: false, message: expect.stringContaining("超时") });
    expect(checkpoint).toEqual({ uncertain: true });
    expect(await deliveryError(getAdapter("WEIBO").deliver(target(weibo.base), request(), { timeoutMs: 2000 }))).toMatchObject({ retryable: false });
    expect(weibo.log).toHaveLength(1);

    // Refused with an error code: nothing was posted, so the checkpoint is cleared for the retry.
    const limited = await fakeWeibo({ shareError: { status: 403, code: 10023 } });
    checkpoint = null;
    expect(await deliveryError(getAdapter("WEIBO").deliver(target(limited.base), request(), { timeoutMs: 2000 }))).toMatchObject({ retryable: true });
    expect(checkpoint).toEqual({});
  });

  it("does not send a status without the link back", async () => {
    const rendition = renderForChannel("WEIBO", source("https://www.example.gov.cn", { portalUrl: null }));
    const error = await deliveryError(getAdapter("WEIBO").deliver(target("http://127.0.0.1:9"), deliveryRequest({ rendition }), { timeoutMs: 500 }));
    expect(error.retryable).toBe(false);
  });
});

describe("feed adapter", () => {
  it("acknowledges at once without any network", async () => {
    const rendition = renderForChannel("FEED", source("https://www.example.gov.cn"));
    const failingFetch = (() => {
      throw new Error("no network expected");
    }) as unknown as typeof fetch;
    expect(await getAdapter("FEED").deliver({ id: "f", kind: "FEED", config: {}, secrets: {} }, deliveryRequest({ rendition }), { timeoutMs: 100, fetch: failingFetch })).toEqual({
      status: "ACKNOWLEDGED",
      remoteId: "22222222-2222-4222-8222-222222222222",
    });
  });
});
