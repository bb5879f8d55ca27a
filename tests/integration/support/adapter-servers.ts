import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect } from "vitest";
import { DeliveryError, type DeliveryRequest } from "@/lib/channels/adapters";
import type { RenditionSource } from "@/lib/channels/renditions/types";

// Real HTTP servers on loopback for the channel adapter tests (channel-adapter-*.integration.test.ts),
// and the rendition source and delivery request they send.

export type Received = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: Buffer;
};
export type Handler = (request: Received, response: ServerResponse) => void | Promise<void>;

const servers: { close: () => Promise<void> }[] = [];

export async function startServer(handler: Handler) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const request = {
        method: req.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
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

/** Closes every server started by the test (call from afterEach): requests left unanswered end here. */
export async function closeServers(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => server.close()));
}

export function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

export async function multipart(request: Received): Promise<FormData> {
  return new Response(new Uint8Array(request.body), {
    headers: { "content-type": String(request.headers["content-type"]) },
  }).formData();
}

export const PNG = readFileSync(path.resolve("public/channels/wechat-cover.png"));

export function source(portalBase: string, overrides: Partial<RenditionSource> = {}): RenditionSource {
  return {
    resourceId: "11111111-1111-4111-8111-111111111111",
    kind: "ARTICLE",
    title: "全市一季度经济运行情况",
    bodyHtml:
      '<p>一季度，全市经济运行稳中向好。</p><p><img src="/img/chart.png" alt="图表"></p><p>详见<a href="https://stats.example.cn/q1">统计公报</a>。</p>',
    metadata: {
      summary: "一季度经济运行稳中向好。",
      source: { type: "original" },
      keywords: [],
      disclosure: { type: "proactive" },
      relations: [],
    },
    contentHash: "c".repeat(64),
    publishedAt: new Date("2026-04-20T02:00:00Z"),
    sourceName: "市统计局",
    portalUrl: `${portalBase}/content/11111111-1111-4111-8111-111111111111`,
    correctionNote: null,
    ...overrides,
  };
}

export function deliveryRequest(overrides: Partial<DeliveryRequest> = {}): DeliveryRequest {
  return {
    deliveryId: "22222222-2222-4222-8222-222222222222",
    action: "PUBLISH",
    idempotencyKey: "delivery-22222222-publish",
    contentHash: "c".repeat(64),
    publicationId: "33333333-3333-4333-8333-333333333333",
    resourceId: "11111111-1111-4111-8111-111111111111",
    previousRemoteId: null,
    rendition: null,
    reply: null,
    checkpoint: null,
    saveCheckpoint: async () => {},
    ...overrides,
  };
}

export async function deliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  }
  throw new Error("expected a DeliveryError");
}
