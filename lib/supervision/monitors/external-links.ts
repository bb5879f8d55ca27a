import { getEnv } from "@/lib/env";

// External links, checked only when outbound network is allowed (SUPERVISION_OUTBOUND): politely —
// one request at a time per host with a pause between two (SUPERVISION_HOST_DELAY_MS), a timeout per
// request, HEAD first and GET when a server refuses HEAD, and at most MAX_PER_RUN addresses a run.

const MAX_PER_RUN = 500;

type Link = { url: string; page: string; pageTitle: string };
type Broken = Link & { reason: string };

async function probe(url: string, timeoutMs: number): Promise<string | null> {
  for (const method of ["HEAD", "GET"] as const) {
    try {
      const response = await fetch(url, { method, redirect: "follow", signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel().catch(() => {});
      if (response.status === 405 && method === "HEAD") continue;
      return response.status >= 400 ? `HTTP ${response.status}` : null;
    } catch (error) {
      if (method === "HEAD") continue;
      return error instanceof Error && error.name === "TimeoutError" ? "超时" : "无法连接";
    }
  }
  return "无法连接";
}

export async function checkExternalLinks(links: Link[]): Promise<Broken[]> {
  const env = getEnv();
  const byHost = new Map<string, Map<string, Link[]>>();
  for (const link of links) {
    const host = new URL(link.url).host;
    const urls = byHost.get(host) ?? new Map<string, Link[]>();
    urls.set(link.url, [...(urls.get(link.url) ?? []), link]);
    byHost.set(host, urls);
  }
  let budget = MAX_PER_RUN;
  const broken: Broken[] = [];
  await Promise.all(
    [...byHost.values()].map(async (urls) => {
      let first = true;
      for (const [url, on] of urls) {
        if (budget <= 0) return;
        budget -= 1;
        if (!first) await new Promise((resolve) => setTimeout(resolve, env.SUPERVISION_HOST_DELAY_MS));
        first = false;
        const reason = await probe(url, env.SUPERVISION_PROBE_TIMEOUT_SECONDS * 1000);
        if (reason) broken.push(...on.map((link) => ({ ...link, reason })));
      }
    }),
  );
  return broken;
}
