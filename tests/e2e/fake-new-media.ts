import http from "node:http";
import type { AddressInfo } from "node:net";

// A stand-in for the WeChat official-account API (api.weixin.qq.com) and the Weibo open API
// (api.weibo.com) on loopback, for the end-to-end journey. It answers the documented calls with
// the documented shapes, refuses what the real platforms refuse (a wrong secret, a missing or
// stale access_token, a draft without title/content/thumb_media_id, a Weibo text without a link
// to the safe domain) and records every request so the test can check what was sent.

export type RecordedCall = {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string;
  body: string;
};

export type FakeNewMedia = {
  baseUrl: string;
  calls: RecordedCall[];
  close(): Promise<void>;
};

const WECHAT_BAD_TOKEN = { errcode: 40001, errmsg: "invalid credential, access_token is invalid or not latest" };

export async function startFakeNewMedia(expected: {
  appId: string;
  appSecret: string;
  weiboToken: string;
}): Promise<FakeNewMedia> {
  const calls: RecordedCall[] = [];
  const accessToken = `ACCESS_TOKEN_${Math.random().toString(36).slice(2, 12)}`;
  const drafts = new Map<string, unknown>();
  const publishes = new Map<string, { mediaId: string; articleId: string }>();
  let sequence = 1000;

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      const raw = Buffer.concat(chunks);
      const contentType = String(request.headers["content-type"] ?? "");
      const body = contentType.startsWith("multipart/") ? `<multipart ${raw.length} bytes>` : raw.toString("utf8");
      calls.push({
        method: request.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        contentType,
        body,
      });
      const send = (status: number, payload: unknown) => {
        response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
        response.end(JSON.stringify(payload));
      };
      const json = (): Record<string, unknown> | null => {
        try {
          const parsed: unknown = JSON.parse(raw.toString("utf8"));
          return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : null;
        } catch {
          return null;
        }
      };
      const tokenOk = url.searchParams.get("access_token") === accessToken;
      sequence += 1;

      switch (`${request.method} ${url.pathname}`) {
        // https://developers.weixin.qq.com/doc/service/api/base/api_getstableaccesstoken
        case "POST /cgi-bin/stable_token": {
          const input = json();
          if (!input || input.grant_type !== "client_credential")
            return send(200, { errcode: 40002, errmsg: "invalid grant_type" });
          if (input.appid !== expected.appId) return send(200, { errcode: 40013, errmsg: "invalid appid" });
          if (input.secret !== expected.appSecret) return send(200, { errcode: 40125, errmsg: "invalid appsecret" });
          return send(200, { access_token: accessToken, expires_in: 7200 });
        }
        // 上传图文消息内的图片 / 新增永久素材 (the cover: thumb_media_id must be a permanent id)
        case "POST /cgi-bin/media/uploadimg":
        case "POST /cgi-bin/material/add_material": {
          if (!tokenOk) return send(200, WECHAT_BAD_TOKEN);
          if (!contentType.startsWith("multipart/form-data") || raw.length === 0)
            return send(200, { errcode: 41005, errmsg: "media data missing" });
          const imageUrl = `http://mmbiz.qpic.cn/mmbiz_jpg/fake${sequence}/0`;
          return send(
            200,
            url.pathname.endsWith("uploadimg") ? { url: imageUrl } : { media_id: `MEDIA_${sequence}`, url: imageUrl },
          );
        }
        case "POST /cgi-bin/draft/add": {
          if (!tokenOk) return send(200, WECHAT_BAD_TOKEN);
          const articles = json()?.articles;
          const first = Array.isArray(articles) ? (articles[0] as Record<string, unknown> | undefined) : undefined;
          if (
            !first ||
            typeof first.title !== "string" ||
            !first.title ||
            typeof first.content !== "string" ||
            !first.content
          ) {
            return send(200, { errcode: 44003, errmsg: "empty news data" });
          }
          if (typeof first.thumb_media_id !== "string" || !first.thumb_media_id)
            return send(200, { errcode: 40007, errmsg: "invalid media_id" });
          const mediaId = `DRAFT_${sequence}`;
          drafts.set(mediaId, articles);
          return send(200, { media_id: mediaId });
        }
        case "POST /cgi-bin/freepublish/submit": {
          if (!tokenOk) return send(200, WECHAT_BAD_TOKEN);
          const mediaId = json()?.media_id;
          if (typeof mediaId !== "string" || !drafts.has(mediaId))
            return send(200, { errcode: 40007, errmsg: "invalid media_id" });
          const publishId = String(sequence);
          publishes.set(publishId, { mediaId, articleId: `ARTICLE_${sequence}` });
          return send(200, { errcode: 0, errmsg: "ok", publish_id: publishId, msg_data_id: sequence });
        }
        case "POST /cgi-bin/freepublish/get": {
          if (!tokenOk) return send(200, WECHAT_BAD_TOKEN);
          const publishId = json()?.publish_id;
          const found = publishes.get(String(publishId));
          if (!found) return send(200, { errcode: 48001, errmsg: "api unauthorized" });
          return send(200, {
            publish_id: String(publishId),
            publish_status: 0,
            article_id: found.articleId,
            article_detail: {
              count: 1,
              item: [{ idx: 1, article_url: `https://mp.weixin.qq.com/s/${found.articleId}` }],
            },
            fail_idx: [],
          });
        }
        case "POST /cgi-bin/freepublish/delete": {
          if (!tokenOk) return send(200, WECHAT_BAD_TOKEN);
          return send(200, { errcode: 0, errmsg: "ok" });
        }
        // https://open.weibo.com/wiki/2/statuses/share: form-encoded (or multipart with a picture)
        case "POST /2/statuses/share.json": {
          const form = contentType.startsWith("application/x-www-form-urlencoded")
            ? new URLSearchParams(raw.toString("utf8"))
            : null;
          const token =
            form?.get("access_token") ??
            url.searchParams.get("access_token") ??
            String(request.headers.authorization ?? "").replace(/^OAuth2\s+/i, "");
          if (token !== expected.weiboToken)
            return send(401, { error: "expired_token", error_code: 21327, request: url.pathname });
          if (form) {
            const status = form.get("status") ?? "";
            if (!status) return send(400, { error: "content is null", error_code: 20008, request: url.pathname });
            if (!/https?:\/\//.test(status))
              return send(400, {
                error: "status must contain a safe domain link",
                error_code: 10017,
                request: url.pathname,
              });
            if ([...status].length > 2000)
              return send(400, { error: "text too long", error_code: 20012, request: url.pathname });
          }
          const id = 5_000_000_000_000_000 + sequence;
          return send(200, {
            id,
            idstr: String(id),
            mid: String(id),
            text: form?.get("status") ?? "",
            created_at: new Date().toUTCString(),
          });
        }
        case "POST /2/statuses/destroy.json":
          return send(200, { id: Number(new URLSearchParams(raw.toString("utf8")).get("id") ?? 0) });
        default:
          return send(404, { errcode: 404, errmsg: `no such api: ${request.method} ${url.pathname}` });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
