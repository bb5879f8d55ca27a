import { DeliveryError, type DeliveryOptions } from "@/lib/channels/adapters/types";

// One way out to the platforms: every call has a deadline (AbortSignal.timeout), and every failure
// becomes a DeliveryError classified the same way — network errors, timeouts, 5xx, 408 and 429 may
// succeed later; other statuses will not. Messages name the address without its query string,
// because platforms take tokens there (WeChat's access_token, Weibo's access_token).

export type HttpReply = { status: number; headers: Headers; text: string };

const USER_AGENT = "Tongyuan-Channels/1.0";

/** Scheme, host and path of an address: safe to show (no query, no credentials). */
export function describeUrl(url: URL | string): string {
  const parsed = typeof url === "string" ? new URL(url) : url;
  return `${parsed.origin}${parsed.pathname}`;
}

export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** Sends one request and reads the whole answer within the deadline; throws DeliveryError on failure to get one. */
export async function sendRequest(
  url: URL | string,
  init: RequestInit,
  options: DeliveryOptions,
  what: string,
): Promise<HttpReply> {
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    // No redirects: a POST must not silently turn into a GET somewhere else.
    const response = await doFetch(url, {
      ...init,
      redirect: "manual",
      signal,
      headers: { "user-agent": USER_AGENT, ...(init.headers as Record<string, string> | undefined) },
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    if (error instanceof DeliveryError) throw error;
    const name = (error as { name?: string } | null)?.name;
    if (name === "TimeoutError" || name === "AbortError" || signal.aborted) {
      throw new DeliveryError(`${what}超时（${options.timeoutMs} 毫秒内未答复）：${describeUrl(url)}`, {
        retryable: true,
        cause: error,
      });
    }
    const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new DeliveryError(`${what}连接失败（${reason}）：${describeUrl(url)}`, { retryable: true, cause: error });
  }
}

/** Throws for a non-2xx answer, retryable for 5xx/408/429. */
export function assertSuccess(reply: HttpReply, url: URL | string, what: string): void {
  if (reply.status >= 200 && reply.status < 300) return;
  const excerpt = reply.text.replace(/\s+/g, " ").trim().slice(0, 200);
  const kind = reply.status >= 300 && reply.status < 400 ? "重定向" : "错误";
  throw new DeliveryError(
    `${what}返回 HTTP ${reply.status}${kind === "重定向" ? "（重定向，未跟随）" : ""}：${describeUrl(url)}${excerpt ? `：${excerpt}` : ""}`,
    {
      retryable: isRetryableStatus(reply.status),
      httpStatus: reply.status,
    },
  );
}

/** The answer's JSON body, or a retryable error when a 2xx answer is not JSON (a proxy's error page …). */
export function parseJsonReply(reply: HttpReply, url: URL | string, what: string): unknown {
  try {
    return JSON.parse(reply.text) as unknown;
  } catch {
    throw new DeliveryError(`${what}的答复不是 JSON：${describeUrl(url)}`, {
      retryable: true,
      httpStatus: reply.status,
    });
  }
}

/** POST a JSON body; resolves with the reply of a 2xx answer. */
export async function postJson(
  url: URL | string,
  body: unknown,
  options: DeliveryOptions,
  what: string,
  headers: Record<string, string> = {},
): Promise<HttpReply> {
  const payload = typeof body === "string" ? body : JSON.stringify(body);
  const reply = await sendRequest(
    url,
    { method: "POST", headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: payload },
    options,
    what,
  );
  assertSuccess(reply, url, what);
  return reply;
}

/** GET a file (an image to re-host); the bytes and the type the server names. */
export async function fetchBytes(
  url: URL | string,
  options: DeliveryOptions,
  what: string,
): Promise<{ bytes: Buffer; contentType: string }> {
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await doFetch(url, { signal, headers: { "user-agent": USER_AGENT } });
    const bytes = Buffer.from(await response.arrayBuffer());
    if (!response.ok) {
      throw new DeliveryError(`${what}返回 HTTP ${response.status}：${describeUrl(url)}`, {
        retryable: isRetryableStatus(response.status),
        httpStatus: response.status,
      });
    }
    return {
      bytes,
      contentType: response.headers.get("content-type")?.split(";")[0]?.trim() ?? "application/octet-stream",
    };
  } catch (error) {
    if (error instanceof DeliveryError) throw error;
    if (signal.aborted)
      throw new DeliveryError(`${what}超时（${options.timeoutMs} 毫秒内未完成）：${describeUrl(url)}`, {
        retryable: true,
        cause: error,
      });
    const cause = (error as { cause?: { code?: string } } | null)?.cause;
    throw new DeliveryError(`${what}连接失败（${cause?.code ?? (error as Error).message}）：${describeUrl(url)}`, {
      retryable: true,
      cause: error,
    });
  }
}
