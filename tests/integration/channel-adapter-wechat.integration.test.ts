import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ChannelTarget, type DeliveryCheckpoint } from "@/lib/channels/adapters";
import { clearWechatTokens, createWechatAdapter } from "@/lib/channels/adapters/wechat";
import { renderForChannel } from "@/lib/channels/renditions/render";
import {
  closeServers,
  deliveryError,
  deliveryRequest,
  json,
  multipart,
  PNG,
  source,
  startServer,
} from "./support/adapter-servers";

// The WeChat adapter against a fake api.weixin.qq.com on loopback that checks each call's shape
// (method, path, token, fields, multipart upload) and answers as the platform documents.

afterEach(closeServers);

describe("WeChat adapter", () => {
  const APP_ID = "wx0123456789abcdef";
  const APP_SECRET = "wechat-app-secret-0123456789";
  beforeEach(() => clearWechatTokens());

  type Mode = {
    publishStatus?: number[];
    expireTokenOnDraft?: boolean;
    draftErrcode?: number;
    deleteErrcode?: number;
    submitUnanswered?: number;
    submitErrcode?: number;
  };

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
      if (request.method === "GET" && request.path === "/img/chart.png")
        return void res.writeHead(200, { "content-type": "image/png" }).end(PNG);
      check(request.method === "POST", `${request.path}: method ${request.method}`);
      if (request.path === "/cgi-bin/stable_token") {
        const body = JSON.parse(request.body.toString("utf8")) as Record<string, unknown>;
        check(body.grant_type === "client_credential", "stable_token: grant_type");
        if (body.appid !== APP_ID || body.secret !== APP_SECRET)
          return json(res, 200, { errcode: 40125, errmsg: "invalid appsecret" });
        currentToken = `TOKEN-${++tokenSerial}`;
        return json(res, 200, { access_token: currentToken, expires_in: 7200 });
      }
      if (request.query.get("access_token") !== currentToken)
        return json(res, 200, { errcode: 40001, errmsg: "invalid credential, access_token is invalid or not latest" });
      switch (request.path) {
        case "/cgi-bin/media/uploadimg":
        case "/cgi-bin/material/add_material": {
          check(
            String(request.headers["content-type"]).startsWith("multipart/form-data"),
            `${request.path}: multipart`,
          );
          const form = await multipart(request);
          const media = form.get("media");
          check(media instanceof File && media.size > 0, `${request.path}: media file`);
          if (media instanceof File)
            check(
              Buffer.from(await media.arrayBuffer())
                .subarray(0, 4)
                .equals(PNG.subarray(0, 4)),
              `${request.path}: PNG bytes`,
            );
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
          for (const field of ["title", "author", "digest", "content", "content_source_url", "thumb_media_id"])
            check(typeof article[field] === "string", `draft/add: ${field}`);
          check(article.thumb_media_id === "THUMB-1", "draft/add: thumb_media_id from add_material");
          check(article.need_open_comment === 0, "draft/add: need_open_comment");
          return json(res, 200, { media_id: "DRAFT-1" });
        }
        case "/cgi-bin/freepublish/submit": {
          const body = JSON.parse(request.body.toString("utf8")) as Record<string, unknown>;
          check(body.media_id === "DRAFT-1", "freepublish/submit: media_id");
          submits += 1;
          if (mode.submitErrcode && submits === 1)
            return json(res, 200, { errcode: mode.submitErrcode, errmsg: "system error" });
          if (unanswered > 0) {
            // Taken, but never answered: the caller gives up waiting.
            unanswered -= 1;
            return;
          }
          return json(res, 200, { errcode: 0, errmsg: "ok", publish_id: "2247483647" });
        }
        case "/cgi-bin/freepublish/get": {
          const body = JSON.parse(request.body.toString("utf8")) as Record<string, unknown>;
          check(body.publish_id === "2247483647", "freepublish/get: publish_id");
          const status = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
          return json(
            res,
            200,
            status === 0
              ? { publish_id: "2247483647", publish_status: 0, article_id: "ARTICLE-1", fail_idx: [] }
              : { publish_id: "2247483647", publish_status: status, fail_idx: status === 1 ? [] : [1] },
          );
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

  const target = (base: string, secret = APP_SECRET): ChannelTarget => ({
    id: "ch-wx",
    kind: "WECHAT",
    config: { appId: APP_ID, apiBase: base },
    secrets: { appSecret: secret },
  });
  const adapter = createWechatAdapter({ pollDelaysMs: [0, 20] });

  it("uploads the images and the cover, adds a draft and publishes it", async () => {
    const wx = await fakeWechat();
    const rendition = renderForChannel("WECHAT", source(wx.base));
    const result = await adapter.deliver(target(wx.base), deliveryRequest({ rendition }), { timeoutMs: 2000 });
    expect(wx.problems).toEqual([]);
    expect(result).toEqual({ status: "ACKNOWLEDGED", remoteId: "ARTICLE-1" });
    expect(wx.calls).toEqual([
      "/img/chart.png",
      "/cgi-bin/stable_token",
      "/cgi-bin/media/uploadimg",
      "/cgi-bin/material/add_material",
      "/cgi-bin/draft/add",
      "/cgi-bin/freepublish/submit",
      "/cgi-bin/freepublish/get",
    ]);
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
    expect(await adapter.poll!(target(wx.base), "publish:2247483647", { timeoutMs: 2000 })).toEqual({
      status: "ACKNOWLEDGED",
      remoteId: "ARTICLE-1",
    });
  });

  it("classifies platform errors: system busy is retried, a refused request and a failed publish are not", async () => {
    const busy = await fakeWechat({ draftErrcode: -1 });
    const rendition = renderForChannel("WECHAT", source(busy.base));
    expect(
      await deliveryError(adapter.deliver(target(busy.base), deliveryRequest({ rendition }), { timeoutMs: 2000 })),
    ).toMatchObject({ retryable: true });

    const refused = await fakeWechat({ draftErrcode: 45002 });
    const error = await deliveryError(
      adapter.deliver(
        target(refused.base),
        deliveryRequest({ rendition: renderForChannel("WECHAT", source(refused.base)) }),
        { timeoutMs: 2000 },
      ),
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("45002");

    const rejected = await fakeWechat({ publishStatus: [4] });
    const audit = await deliveryError(
      adapter.deliver(
        target(rejected.base),
        deliveryRequest({ rendition: renderForChannel("WECHAT", source(rejected.base)) }),
        { timeoutMs: 2000 },
      ),
    );
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
    expect(await deliveryError(adapter.deliver(target(wx.base), request(), { timeoutMs: 2000 }))).toMatchObject({
      retryable: false,
      message: expect.stringContaining("请先在公众号后台"),
    });
    expect(wx.calls.length).toBe(calls);

    // A person checked and retried (retryDelivery clears the flag): the same draft is submitted.
    checkpoint = { mediaId: "DRAFT-1", uncertain: false };
    expect(await adapter.deliver(target(wx.base), request(), { timeoutMs: 2000 })).toEqual({
      status: "ACKNOWLEDGED",
      remoteId: "ARTICLE-1",
    });
    expect(wx.drafts).toHaveLength(1);
    expect(wx.submits()).toBe(2);
    expect(checkpoint).toEqual({ mediaId: "DRAFT-1", publishId: "2247483647" });
    // Submitted already: a further attempt only asks how the publication went.
    wx.calls.length = 0;
    expect(await adapter.deliver(target(wx.base), request(), { timeoutMs: 2000 })).toEqual({
      status: "ACKNOWLEDGED",
      remoteId: "ARTICLE-1",
    });
    expect(wx.calls).toEqual(["/cgi-bin/freepublish/get"]);
    expect(wx.problems).toEqual([]);

    // WeChat answered "system busy": nothing went out, so the automatic retry submits again.
    const busy = await fakeWechat({ submitErrcode: -1 });
    checkpoint = null;
    saved.length = 0;
    const rendered = renderForChannel("WECHAT", source(busy.base));
    const retry = () =>
      deliveryRequest({ rendition: rendered, checkpoint, saveCheckpoint: async (next) => void (checkpoint = next) });
    expect(await deliveryError(adapter.deliver(target(busy.base), retry(), { timeoutMs: 2000 }))).toMatchObject({
      retryable: true,
    });
    expect(checkpoint).toEqual({ mediaId: "DRAFT-1" });
    expect(await adapter.deliver(target(busy.base), retry(), { timeoutMs: 2000 })).toMatchObject({
      status: "ACKNOWLEDGED",
    });
    expect(busy.drafts).toHaveLength(1);
    expect(busy.submits()).toBe(2);
  });

  it("refuses a wrong app secret without showing it", async () => {
    const wx = await fakeWechat();
    const error = await deliveryError(
      adapter.deliver(
        target(wx.base, "not-the-right-secret-000"),
        deliveryRequest({ rendition: renderForChannel("WECHAT", source(wx.base)) }),
        { timeoutMs: 2000 },
      ),
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("40125");
    expect(error.message).not.toContain("not-the-right-secret");
  });

  it("recalls by deleting the published article, and a correction replaces it", async () => {
    const wx = await fakeWechat();
    expect(
      await adapter.deliver(target(wx.base), deliveryRequest({ action: "RECALL", previousRemoteId: "ARTICLE-0" }), {
        timeoutMs: 2000,
      }),
    ).toEqual({ status: "ACKNOWLEDGED", remoteId: "ARTICLE-0" });
    expect(wx.deleted).toEqual(["ARTICLE-0"]);

    const rendition = renderForChannel("WECHAT", source(wx.base, { correctionNote: "更正了图表数据" }));
    const corrected = await adapter.deliver(
      target(wx.base),
      deliveryRequest({ action: "CORRECT", previousRemoteId: "ARTICLE-0", rendition }),
      { timeoutMs: 2000 },
    );
    expect(corrected.remoteId).toBe("ARTICLE-1");
    expect(wx.deleted).toEqual(["ARTICLE-0", "ARTICLE-0"]);
    expect(wx.calls.lastIndexOf("/cgi-bin/freepublish/delete")).toBeLessThan(
      wx.calls.lastIndexOf("/cgi-bin/draft/add"),
    );
    expect(wx.drafts.at(-1)!.title).toBe("【更正】全市一季度经济运行情况");
    expect(wx.problems).toEqual([]);
  });
});
