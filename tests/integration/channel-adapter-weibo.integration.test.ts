import { afterEach, describe, expect, it } from "vitest";
import { getAdapter, type ChannelTarget, type DeliveryCheckpoint } from "@/lib/channels/adapters";
import { renderForChannel } from "@/lib/channels/renditions/render";
import { closeServers, deliveryError, deliveryRequest, json, source, startServer } from "./support/adapter-servers";

// The Weibo adapter against a fake api.weibo.com on loopback that checks each call's shape and
// answers as the platform documents.

afterEach(closeServers);

describe("Weibo adapter", () => {
  const TOKEN = "2.00weibo-access-token-0123";

  async function fakeWeibo(mode: { shareError?: { status: number; code: number } } = {}) {
    const problems: string[] = [];
    const statuses = new Map<string, string>([["4999", "旧微博"]]);
    const log: string[] = [];
    let serial = 5000000000000000;
    const server = await startServer((request, res) => {
      if (request.method !== "POST") problems.push(`${request.path}: method ${request.method}`);
      if (!String(request.headers["content-type"]).startsWith("application/x-www-form-urlencoded"))
        problems.push(`${request.path}: form encoding`);
      const form = new URLSearchParams(request.body.toString("utf8"));
      if (form.get("access_token") !== TOKEN)
        return json(res, 400, { error: "expired_token", error_code: 21327, request: request.path });
      if (request.path === "/2/statuses/share.json") {
        if (mode.shareError)
          return json(res, mode.shareError.status, {
            error: "refused",
            error_code: mode.shareError.code,
            request: request.path,
          });
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
        if (!statuses.delete(id))
          return json(res, 400, { error: "target weibo does not exist!", error_code: 20101, request: request.path });
        return json(res, 200, { idstr: id });
      }
      problems.push(`unexpected ${request.path}`);
      return json(res, 404, {});
    });
    return { ...server, problems, statuses, log };
  }

  const target = (base: string, token = TOKEN): ChannelTarget => ({
    id: "ch-wb",
    kind: "WEIBO",
    config: { apiBase: base },
    secrets: { accessToken: token },
  });

  it("shares the status with the link back and records its id", async () => {
    const weibo = await fakeWeibo();
    const rendition = renderForChannel("WEIBO", source("https://www.example.gov.cn"));
    const result = await getAdapter("WEIBO").deliver(target(weibo.base), deliveryRequest({ rendition }), {
      timeoutMs: 2000,
    });
    expect(result).toEqual({ status: "ACKNOWLEDGED", remoteId: "5000000000000001" });
    expect(weibo.problems).toEqual([]);
    expect(weibo.statuses.get("5000000000000001")).toBe(
      "【全市一季度经济运行情况】一季度经济运行稳中向好。 https://www.example.gov.cn/content/11111111-1111-4111-8111-111111111111",
    );
  });

  it("corrects by taking the old status down and sharing the corrected one; recalls by destroying", async () => {
    const weibo = await fakeWeibo();
    const rendition = renderForChannel(
      "WEIBO",
      source("https://www.example.gov.cn", { correctionNote: "数据有误，已更正" }),
    );
    const corrected = await getAdapter("WEIBO").deliver(
      target(weibo.base),
      deliveryRequest({ action: "CORRECT", previousRemoteId: "4999", rendition }),
      { timeoutMs: 2000 },
    );
    expect(weibo.log).toEqual(["destroy 4999", `share ${corrected.remoteId}`]);
    expect(weibo.statuses.get(corrected.remoteId!)).toMatch(
      /^【更正】【全市一季度经济运行情况】数据有误，已更正 https:/,
    );
    // Retrying the correction after the old one is gone still goes through.
    await getAdapter("WEIBO").deliver(
      target(weibo.base),
      deliveryRequest({ action: "CORRECT", previousRemoteId: "4999", rendition }),
      { timeoutMs: 2000 },
    );

    const recalled = await getAdapter("WEIBO").deliver(
      target(weibo.base),
      deliveryRequest({ action: "RECALL", previousRemoteId: corrected.remoteId }),
      { timeoutMs: 2000 },
    );
    expect(recalled).toEqual({ status: "ACKNOWLEDGED", remoteId: corrected.remoteId });
    expect(weibo.statuses.has(corrected.remoteId!)).toBe(false);
    // Recalling what is already gone is done, not an error.
    await getAdapter("WEIBO").deliver(
      target(weibo.base),
      deliveryRequest({ action: "RECALL", previousRemoteId: corrected.remoteId }),
      { timeoutMs: 2000 },
    );
    expect(weibo.problems).toEqual([]);
  });

  it("classifies failures: an expired token is not retried, rate limits and 5xx are", async () => {
    const rendition = renderForChannel("WEIBO", source("https://www.example.gov.cn"));
    const weibo = await fakeWeibo();
    const expired = await deliveryError(
      getAdapter("WEIBO").deliver(target(weibo.base, "2.00stale-token-000000000"), deliveryRequest({ rendition }), {
        timeoutMs: 2000,
      }),
    );
    expect(expired.retryable).toBe(false);
    expect(expired.message).toContain("Access Token");
    expect(expired.message).not.toContain("stale-token");

    const limited = await fakeWeibo({ shareError: { status: 403, code: 10023 } });
    expect(
      await deliveryError(
        getAdapter("WEIBO").deliver(target(limited.base), deliveryRequest({ rendition }), { timeoutMs: 2000 }),
      ),
    ).toMatchObject({ retryable: true, httpStatus: 403 });

    const repeated = await fakeWeibo({ shareError: { status: 400, code: 20019 } });
    expect(
      await deliveryError(
        getAdapter("WEIBO").deliver(target(repeated.base), deliveryRequest({ rendition }), { timeoutMs: 2000 }),
      ),
    ).toMatchObject({ retryable: false });

    // A gateway's 502 does not say whether Weibo posted it: a person checks before a retry.
    const down = await startServer((_request, res) => void res.writeHead(502).end("Bad Gateway"));
    const unknown = await deliveryError(
      getAdapter("WEIBO").deliver(target(down.base), deliveryRequest({ rendition }), { timeoutMs: 2000 }),
    );
    expect(unknown).toMatchObject({ retryable: false, message: expect.stringContaining("HTTP 502") });
    expect(unknown.message).toContain("请先在微博账号主页核实");
  });

  it("records the share: a retry after it went out posts nothing more; an unanswered one waits for a person", async () => {
    const weibo = await fakeWeibo();
    const rendition = renderForChannel("WEIBO", source("https://www.example.gov.cn"));
    let checkpoint: DeliveryCheckpoint | null = null;
    const request = () =>
      deliveryRequest({ rendition, checkpoint, saveCheckpoint: async (next) => void (checkpoint = next) });
    const first = await getAdapter("WEIBO").deliver(target(weibo.base), request(), { timeoutMs: 2000 });
    expect(checkpoint).toEqual({ statusId: first.remoteId });
    expect(await getAdapter("WEIBO").deliver(target(weibo.base), request(), { timeoutMs: 2000 })).toEqual(first);
    expect(weibo.log).toEqual([`share ${first.remoteId}`]);

    // Sent, and no answer within the deadline.
    // Taken, but never answered: the request stays open until the server closes after the test.
    const slow = await startServer(() => undefined);
    checkpoint = null;
    const lost = await deliveryError(getAdapter("WEIBO").deliver(target(slow.base), request(), { timeoutMs: 200 }));
    expect(lost).toMatchObject({ retryable: false, message: expect.stringContaining("超时") });
    expect(checkpoint).toEqual({ uncertain: true });
    expect(
      await deliveryError(getAdapter("WEIBO").deliver(target(weibo.base), request(), { timeoutMs: 2000 })),
    ).toMatchObject({ retryable: false });
    expect(weibo.log).toHaveLength(1);

    // Refused with an error code: nothing was posted, so the checkpoint is cleared for the retry.
    const limited = await fakeWeibo({ shareError: { status: 403, code: 10023 } });
    checkpoint = null;
    expect(
      await deliveryError(getAdapter("WEIBO").deliver(target(limited.base), request(), { timeoutMs: 2000 })),
    ).toMatchObject({ retryable: true });
    expect(checkpoint).toEqual({});
  });

  it("does not send a status without the link back", async () => {
    const rendition = renderForChannel("WEIBO", source("https://www.example.gov.cn", { portalUrl: null }));
    const error = await deliveryError(
      getAdapter("WEIBO").deliver(target("http://127.0.0.1:9"), deliveryRequest({ rendition }), { timeoutMs: 500 }),
    );
    expect(error.retryable).toBe(false);
  });
});
