import { describeUrl, isRetryableStatus, sendRequest, type HttpReply } from "@/lib/channels/adapters/http";
import {
  DeliveryError,
  configUrl,
  requireRendition,
  requireSecret,
  type ChannelAdapter,
  type ChannelTarget,
  type DeliveryOptions,
} from "@/lib/channels/adapters/types";

// 微博 through the open platform (open.weibo.com, API 2):
//   POST /2/statuses/share.json    form: access_token, status  → {id, idstr, …}
//   POST /2/statuses/destroy.json  form: access_token, id      (recall)
// share.json requires the text to contain a link to the app's 安全域名 — the portal page is it.
// A correction takes the previous status down and shares the corrected one (statuses cannot be
// edited). Failures answer {error, error_code, request}; the token is the account's OAuth token,
// which we cannot renew ourselves (an expired one needs the channel administrator).

export const WEIBO_API_BASE = "https://api.weibo.com";

const UNCERTAIN_SHARE =
  "发布微博后未收到明确答复，微博可能已经发出，已停止自动重试。请先在微博账号主页核实：确未发出的，再点击“重试”重新发布";

/** System-level errors that pass: 系统错误、服务暂停、任务过多、频次超限. */
const RETRYABLE_CODES = new Set([10001, 10002, 10009, 10010, 10022, 10023, 10024]);
/** 21327 expired_token, 21332 invalid_access_token, 21314–21319 token problems. */
const TOKEN_CODES = new Set([21314, 21315, 21316, 21317, 21319, 21327, 21332]);
/** The status to take down does not exist (any more). */
const GONE_CODES = new Set([20101]);

type WeiboJson = Record<string, unknown> & { error?: string; error_code?: number };

function weiboFailure(what: string, reply: HttpReply, url: URL): DeliveryError | null {
  let json: WeiboJson | null = null;
  try {
    json = JSON.parse(reply.text) as WeiboJson;
  } catch {
    json = null;
  }
  const code = typeof json?.error_code === "number" ? json.error_code : null;
  if (code === null) {
    if (reply.status >= 200 && reply.status < 300) {
      return json
        ? null
        : new DeliveryError(`微博${what}的答复不是 JSON：${describeUrl(url)}`, {
            retryable: true,
            httpStatus: reply.status,
          });
    }
    return new DeliveryError(`微博${what}返回 HTTP ${reply.status}：${describeUrl(url)}`, {
      retryable: isRetryableStatus(reply.status),
      httpStatus: reply.status,
    });
  }
  const detail = `error_code ${code}${json?.error ? `（${String(json.error).slice(0, 200)}）` : ""}`;
  if (TOKEN_CODES.has(code)) {
    return new DeliveryError(`微博${what}失败：Access Token 已过期或无效，请渠道管理员更新后重试。${detail}`, {
      retryable: false,
      httpStatus: reply.status,
    });
  }
  return new DeliveryError(`微博${what}失败：${detail}`, {
    retryable: RETRYABLE_CODES.has(code) || reply.status >= 500,
    httpStatus: reply.status,
  });
}

async function callApi(
  target: ChannelTarget,
  options: DeliveryOptions,
  apiPath: string,
  what: string,
  fields: Record<string, string>,
): Promise<{ json: WeiboJson; error: DeliveryError | null; code: number | null }> {
  const base = configUrl(target, "apiBase", "接口地址", WEIBO_API_BASE).href.replace(/\/+$/, "");
  const url = new URL(`${base}${apiPath}`);
  const body = new URLSearchParams({ access_token: requireSecret(target, "accessToken", "Access Token"), ...fields });
  const reply = await sendRequest(
    url,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded;charset=UTF-8" },
      body: body.toString(),
    },
    options,
    `微博${what}`,
  );
  const error = weiboFailure(what, reply, url);
  let json: WeiboJson = {};
  try {
    json = JSON.parse(reply.text) as WeiboJson;
  } catch {
    json = {};
  }
  return { json, error, code: typeof json.error_code === "number" ? json.error_code : null };
}

/** Takes a status down; one that is already gone counts as done. */
async function destroy(target: ChannelTarget, options: DeliveryOptions, id: string): Promise<void> {
  const { error, code } = await callApi(target, options, "/2/statuses/destroy.json", "删除微博", { id });
  if (error && !(code !== null && GONE_CODES.has(code))) throw error;
}

export const weiboAdapter: ChannelAdapter = {
  async deliver(target, request, options) {
    if (request.action === "RECALL") {
      if (request.previousRemoteId) await destroy(target, options, request.previousRemoteId);
      return { status: "ACKNOWLEDGED", remoteId: request.previousRemoteId };
    }
    const rendition = requireRendition(request, "weibo-status");
    if (rendition.problems.length > 0) throw new DeliveryError(rendition.problems.join(" "), { retryable: false });
    if (rendition.length > rendition.limit)
      throw new DeliveryError(`微博正文 ${rendition.length} 字，超过 ${rendition.limit} 字上限。`, {
        retryable: false,
      });
    // Weibo takes no idempotency key: the share is recorded as under way before it is sent, and
    // its id after (DeliveryCheckpoint); an answer that never came stops automatic retries.
    const checkpoint = request.checkpoint ?? {};
    if (typeof checkpoint.statusId === "string" && checkpoint.statusId)
      return { status: "ACKNOWLEDGED", remoteId: checkpoint.statusId };
    if (checkpoint.uncertain) throw new DeliveryError(UNCERTAIN_SHARE, { retryable: false, failure: "RESULT_UNKNOWN" });
    if (request.action === "CORRECT" && request.previousRemoteId) {
      // Down first, so a retry never leaves two versions up; a refusal other than "gone" is
      // reported unless it is final (then the correction still goes out).
      try {
        await destroy(target, options, request.previousRemoteId);
      } catch (error) {
        if (!(error instanceof DeliveryError) || error.retryable) throw error;
      }
    }
    await request.saveCheckpoint({ uncertain: true });
    let answer: Awaited<ReturnType<typeof callApi>>;
    try {
      answer = await callApi(target, options, "/2/statuses/share.json", "发布", { status: rendition.text });
    } catch (error) {
      throw new DeliveryError(`${UNCERTAIN_SHARE}（${error instanceof Error ? error.message : String(error)}）`, {
        retryable: false,
        failure: "RESULT_UNKNOWN",
        cause: error,
      });
    }
    const { json, error, code } = answer;
    if (error) {
      // An error code is Weibo saying no: nothing was posted, and trying again may help.
      if (code !== null) {
        await request.saveCheckpoint({});
        throw error;
      }
      throw new DeliveryError(`${UNCERTAIN_SHARE}（${error.message}）`, {
        retryable: false,
        failure: "RESULT_UNKNOWN",
        cause: error,
      });
    }
    const id =
      typeof json.idstr === "string" && json.idstr
        ? json.idstr
        : json.id !== undefined && json.id !== null
          ? String(json.id)
          : null;
    if (!id)
      throw new DeliveryError(`${UNCERTAIN_SHARE}（微博发布的答复缺少 id）`, {
        retryable: false,
        failure: "RESULT_UNKNOWN",
      });
    await request.saveCheckpoint({ statusId: id });
    return { status: "ACKNOWLEDGED", remoteId: id };
  },
};
