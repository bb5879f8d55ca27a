import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { assertSuccess, fetchBytes, parseJsonReply, postJson, sendRequest } from "@/lib/channels/adapters/http";
import {
  DeliveryError,
  configUrl,
  requireRendition,
  requireSecret,
  type ChannelAdapter,
  type ChannelTarget,
  type DeliveryOptions,
  type DeliveryResult,
} from "@/lib/channels/adapters/types";
import { escapeAttr } from "@/lib/channels/renditions/html";
import type { WechatArticleRendition } from "@/lib/channels/renditions/types";

// 微信公众号 through the platform's documented server API (developers.weixin.qq.com, 公众号):
//   POST /cgi-bin/stable_token {grant_type:"client_credential", appid, secret}     → access_token
//   POST /cgi-bin/media/uploadimg?access_token=…  multipart "media"               → url (images in the text)
//   POST /cgi-bin/material/add_material?access_token=…&type=image  multipart "media" → media_id (cover)
//   POST /cgi-bin/draft/add {articles:[{title, author, digest, content, content_source_url, thumb_media_id, …}]} → media_id
//   POST /cgi-bin/freepublish/submit {media_id}                                  → publish_id
//   POST /cgi-bin/freepublish/get {publish_id}                                    → publish_status, article_id
//   POST /cgi-bin/freepublish/delete {article_id, index:0}                        (recall: index 0 deletes the whole article)
// Answers are HTTP 200 with {errcode, errmsg} on failure. Retried: -1 (system busy) and an expired
// token (40001, 40014, 42001) once the token was refreshed; everything else needs a person.
// WeChat keeps no idempotency key: the pipeline's exactly-once guarantee covers only the recording.

export const WECHAT_API_BASE = "https://api.weixin.qq.com";
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** WeChat refuses images in the text above 1 MB (uploadimg). */
const MAX_INLINE_IMAGE_BYTES = 1024 * 1024;
const DEFAULT_COVER = path.join(process.cwd(), "public", "channels", "wechat-cover.png");

const PUBLISH_FAILURES: Record<number, string> = {
  2: "原创声明失败",
  3: "常规失败",
  4: "平台审核不通过",
  5: "发布成功后已被用户删除",
  6: "发布成功后已被系统封禁",
};

type WechatJson = Record<string, unknown> & { errcode?: number; errmsg?: string };

/** Tokens per account (apiBase + appId + a fingerprint of the secret), kept for their lifetime. */
const tokens = new Map<string, { token: string; expiresAt: number }>();

type Session = { target: ChannelTarget; apiBase: string; appId: string; appSecret: string; options: DeliveryOptions };

function openSession(target: ChannelTarget, options: DeliveryOptions): Session {
  const apiBase = configUrl(target, "apiBase", "接口地址", WECHAT_API_BASE).href.replace(/\/+$/, "");
  const appId = typeof target.config.appId === "string" ? target.config.appId.trim() : "";
  if (!appId) throw new DeliveryError("渠道未配置 AppID。", { retryable: false, failure: "CHANNEL_UNCONFIGURED" });
  return { target, apiBase, appId, appSecret: requireSecret(target, "appSecret", "AppSecret"), options };
}

function tokenKey(session: Session): string {
  return `${session.apiBase}|${session.appId}|${createHash("sha256").update(session.appSecret).digest("hex").slice(0, 16)}`;
}

function wechatError(what: string, json: WechatJson, retryable: boolean): DeliveryError {
  return new DeliveryError(
    `微信${what}失败：errcode ${json.errcode}${json.errmsg ? `（${String(json.errmsg).slice(0, 200)}）` : ""}`,
    { retryable, refused: true },
  );
}

async function accessToken(session: Session, forceRefresh: boolean): Promise<string> {
  const key = tokenKey(session);
  const cached = tokens.get(key);
  if (!forceRefresh && cached && cached.expiresAt > Date.now()) return cached.token;
  const url = new URL(`${session.apiBase}/cgi-bin/stable_token`);
  const reply = await postJson(
    url,
    { grant_type: "client_credential", appid: session.appId, secret: session.appSecret, force_refresh: forceRefresh },
    session.options,
    "微信获取 access_token",
  );
  const json = parseJsonReply(reply, url, "微信获取 access_token") as WechatJson;
  if (json.errcode) throw wechatError("获取 access_token", json, json.errcode === -1);
  if (typeof json.access_token !== "string" || !json.access_token)
    throw new DeliveryError("微信获取 access_token 的答复缺少 access_token。", { retryable: true });
  const lifetime = typeof json.expires_in === "number" ? json.expires_in : 7200;
  // Renew five minutes early so a token does not expire between two calls of one delivery.
  tokens.set(key, { token: json.access_token, expiresAt: Date.now() + Math.max(60, lifetime - 300) * 1000 });
  return json.access_token;
}

/** One API call with the account's token; an expired token is refreshed once and the call repeated. */
async function callApi(
  session: Session,
  apiPath: string,
  what: string,
  body: unknown | FormData,
  query: Record<string, string> = {},
): Promise<WechatJson> {
  for (let attempt = 0; ; attempt++) {
    const token = await accessToken(session, attempt > 0);
    const url = new URL(`${session.apiBase}${apiPath}`);
    url.searchParams.set("access_token", token);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    let reply;
    if (body instanceof FormData) {
      reply = await sendRequest(url, { method: "POST", body }, session.options, `微信${what}`);
      assertSuccess(reply, url, `微信${what}`);
    } else {
      reply = await postJson(url, body, session.options, `微信${what}`);
    }
    const json = parseJsonReply(reply, url, `微信${what}`) as WechatJson;
    if (!json.errcode) return json;
    if (TOKEN_ERRORS.has(json.errcode)) {
      tokens.delete(tokenKey(session));
      if (attempt === 0) continue;
      throw wechatError(what, json, true);
    }
    throw wechatError(what, json, json.errcode === -1);
  }
}

type ImageFile = { bytes: Buffer; mime: string; ext: string };

async function imageFile(bytes: Buffer, what: string): Promise<ImageFile> {
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !["image/jpeg", "image/png", "image/gif", "image/bmp"].includes(type.mime)) {
    throw new DeliveryError(`${what}不是微信接受的图片格式（JPG、PNG、GIF、BMP）。`, { retryable: false });
  }
  return { bytes, mime: type.mime, ext: type.ext };
}

function mediaForm(file: ImageFile, name: string): FormData {
  const form = new FormData();
  form.append("media", new Blob([new Uint8Array(file.bytes)], { type: file.mime }), `${name}.${file.ext}`);
  return form;
}

/** Re-hosts every image of the article on WeChat and points the HTML at the new addresses. */
async function rehostImages(
  session: Session,
  rendition: WechatArticleRendition,
): Promise<{ html: string; firstImage: ImageFile | null }> {
  let html = rendition.html;
  let firstImage: ImageFile | null = null;
  for (const [index, src] of rendition.images.entries()) {
    const what = `正文第 ${index + 1} 张图片`;
    const { bytes } = await fetchBytes(src, session.options, `读取${what}`);
    const file = await imageFile(bytes, what);
    if (index === 0) firstImage = file;
    if (file.mime !== "image/jpeg" && file.mime !== "image/png")
      throw new DeliveryError(`${what}须为 JPG 或 PNG 格式（微信正文图片要求）。`, { retryable: false });
    if (bytes.length > MAX_INLINE_IMAGE_BYTES)
      throw new DeliveryError(`${what}超过 1MB（微信正文图片上限），请压缩后重新发布。`, { retryable: false });
    const uploaded = await callApi(
      session,
      "/cgi-bin/media/uploadimg",
      `上传${what}`,
      mediaForm(file, `image-${index + 1}`),
    );
    if (typeof uploaded.url !== "string" || !uploaded.url)
      throw new DeliveryError(`微信上传${what}的答复缺少 url。`, { retryable: true });
    html = html.split(`src="${escapeAttr(src)}"`).join(`src="${escapeAttr(uploaded.url)}"`);
  }
  return { html, firstImage };
}

async function uploadCover(session: Session, firstImage: ImageFile | null): Promise<string> {
  const cover = firstImage ?? (await imageFile(await readFile(DEFAULT_COVER), "默认封面"));
  const uploaded = await callApi(session, "/cgi-bin/material/add_material", "上传封面", mediaForm(cover, "cover"), {
    type: "image",
  });
  if (typeof uploaded.media_id !== "string" || !uploaded.media_id)
    throw new DeliveryError("微信上传封面的答复缺少 media_id。", { retryable: true });
  return uploaded.media_id;
}

/** The state of a publish task: ACKNOWLEDGED with the article id, SENT while WeChat is still publishing. */
async function publishState(session: Session, publishId: string): Promise<DeliveryResult> {
  const json = await callApi(session, "/cgi-bin/freepublish/get", "查询发布状态", { publish_id: publishId });
  const status = Number(json.publish_status);
  if (status === 0) {
    if (json.article_id === undefined || json.article_id === null || json.article_id === "")
      throw new DeliveryError("微信发布成功的答复缺少 article_id。", { retryable: true });
    return { status: "ACKNOWLEDGED", remoteId: String(json.article_id) };
  }
  if (status === 1) return { status: "SENT", remoteId: `publish:${publishId}` };
  const reason = PUBLISH_FAILURES[status] ?? `状态 ${status}`;
  throw new DeliveryError(
    `微信发布未成功：${reason}${Array.isArray(json.fail_idx) && json.fail_idx.length ? `（失败篇目 ${json.fail_idx.join("、")}）` : ""}。`,
    { retryable: false },
  );
}

async function deleteArticle(session: Session, articleId: string): Promise<void> {
  await callApi(session, "/cgi-bin/freepublish/delete", "删除已发布文章", { article_id: articleId, index: 0 });
}

/** The article id behind a remote id that may still name a publish task. */
async function articleIdOf(session: Session, remoteId: string): Promise<string | null> {
  if (!remoteId.startsWith("publish:")) return remoteId;
  try {
    const state = await publishState(session, remoteId.slice("publish:".length));
    if (state.status === "SENT")
      throw new DeliveryError("微信仍在发布上一版本，稍后自动重试撤回。", { retryable: true });
    return state.remoteId;
  } catch (error) {
    // A publish that never succeeded left nothing to take down.
    if (error instanceof DeliveryError && !error.retryable) return null;
    throw error;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const UNCERTAIN_SUBMIT =
  "提交发布后未收到微信的明确答复，文章可能已经发出，已停止自动重试。请先在公众号后台“发表记录”中核实：确未发出的，再点击“重试”重新提交";

export function createWechatAdapter(settings: { pollDelaysMs?: number[] } = {}): ChannelAdapter {
  // Publishing is asynchronous on WeChat: look a few times before leaving the delivery SENT.
  const pollDelays = settings.pollDelaysMs ?? [0, 1500, 3000];
  return {
    async deliver(target, request, options) {
      const session = openSession(target, options);
      if (request.action === "RECALL") {
        if (!request.previousRemoteId) return { status: "ACKNOWLEDGED", remoteId: null };
        const articleId = await articleIdOf(session, request.previousRemoteId);
        if (articleId) await deleteArticle(session, articleId);
        return { status: "ACKNOWLEDGED", remoteId: articleId };
      }
      const rendition = requireRendition(request, "wechat-article");
      if (rendition.problems.length > 0) throw new DeliveryError(rendition.problems.join(" "), { retryable: false });
      // WeChat takes no idempotency key: progress is recorded before each step that cannot be
      // repeated, and a retry resumes from it (lib/channels/adapters/types.ts, DeliveryCheckpoint).
      const checkpoint = request.checkpoint ?? {};
      if (checkpoint.uncertain)
        throw new DeliveryError(UNCERTAIN_SUBMIT, { retryable: false, failure: "RESULT_UNKNOWN" });
      let publishId = typeof checkpoint.publishId === "string" ? checkpoint.publishId : null;
      if (!publishId) {
        let mediaId = typeof checkpoint.mediaId === "string" ? checkpoint.mediaId : null;
        if (!mediaId) {
          if (request.action === "CORRECT" && request.previousRemoteId) {
            // The published article cannot be edited: the corrected one replaces it. Take the old
            // one down first, so a retry never leaves two versions up; one that is already gone
            // (a refused delete) must not block the correction.
            try {
              const articleId = await articleIdOf(session, request.previousRemoteId);
              if (articleId) await deleteArticle(session, articleId);
            } catch (error) {
              if (!(error instanceof DeliveryError) || error.retryable) throw error;
            }
          }
          const { html, firstImage } = await rehostImages(session, rendition);
          const thumbMediaId = await uploadCover(session, firstImage);
          const draft = await callApi(session, "/cgi-bin/draft/add", "新建草稿", {
            articles: [
              {
                title: rendition.title,
                author: rendition.author,
                digest: rendition.digest,
                content: html,
                content_source_url: rendition.contentSourceUrl ?? "",
                thumb_media_id: thumbMediaId,
                need_open_comment: 0,
                only_fans_can_comment: 0,
              },
            ],
          });
          if (typeof draft.media_id !== "string" || !draft.media_id)
            throw new DeliveryError("微信新建草稿的答复缺少 media_id。", { retryable: true });
          mediaId = draft.media_id;
          // A draft is not public: one made twice (the answer lost) does no harm.
          await request.saveCheckpoint({ mediaId });
        }
        // The token first, so that a failure to get one is not taken for an unanswered submit.
        await accessToken(session, false);
        await request.saveCheckpoint({ mediaId, uncertain: true });
        let submitted: WechatJson;
        try {
          submitted = await callApi(session, "/cgi-bin/freepublish/submit", "提交发布", { media_id: mediaId });
        } catch (error) {
          if (error instanceof DeliveryError && error.refused) {
            // WeChat answered no: nothing went out, and the draft can be submitted again.
            await request.saveCheckpoint({ mediaId });
            throw error;
          }
          throw new DeliveryError(`${UNCERTAIN_SUBMIT}（${error instanceof Error ? error.message : String(error)}）`, {
            retryable: false,
            failure: "RESULT_UNKNOWN",
            cause: error,
          });
        }
        if (submitted.publish_id === undefined || submitted.publish_id === null)
          throw new DeliveryError(`${UNCERTAIN_SUBMIT}（微信提交发布的答复缺少 publish_id）`, {
            retryable: false,
            failure: "RESULT_UNKNOWN",
          });
        publishId = String(submitted.publish_id);
        await request.saveCheckpoint({ mediaId, publishId });
      }
      let state: DeliveryResult = { status: "SENT", remoteId: `publish:${publishId}` };
      for (const delay of pollDelays) {
        if (delay > 0) await sleep(delay);
        try {
          state = await publishState(session, publishId);
        } catch (error) {
          // Submitted already: a retry would publish twice. Only a definite failure is reported.
          if (error instanceof DeliveryError && !error.retryable) throw error;
          break;
        }
        if (state.status === "ACKNOWLEDGED") break;
      }
      return state;
    },

    async poll(target, remoteId, options) {
      if (!remoteId.startsWith("publish:")) return { status: "ACKNOWLEDGED", remoteId };
      return publishState(openSession(target, options), remoteId.slice("publish:".length));
    },
  };
}

export const wechatAdapter = createWechatAdapter();

/** Forgets cached tokens (tests that restart a fake platform). */
export function clearWechatTokens(): void {
  tokens.clear();
}
