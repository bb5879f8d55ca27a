import { describe, expect, it } from "vitest";
import { parseWrk, servedHeaders } from "@/scripts/lib/load-tools";
import { profileSince, selfTimeByModule, topSelfTime, topTotalTime } from "@/scripts/lib/cpu-profile";
import { CpuAccount, cpuReport, treeCpuMs } from "@/scripts/lib/process-cpu";
import { percentile } from "@/scripts/lib/bench-report";

const WRK = `Running 10s test @ http://127.0.0.1:3102/content/abc
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.92ms  508.33us  21.71ms   91.02%
    Req/Sec    16.79k     1.02k   18.01k    83.00%
  Latency Distribution
     50%  823.00us
     75%    1.95ms
     90%    2.27ms
     99%    1.20s
  167129 requests in 10.00s, 2.41GB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:  16710.94
Transfer/sec:    246.89MB
`;

describe("benchmark tools", () => {
  it("reads throughput, p50/p99 in milliseconds and the errors from wrk --latency output", () => {
    expect(parseWrk(WRK)).toEqual({
      rps: 16711,
      p50Ms: 0.823,
      p99Ms: 1200,
      requests: 167129,
      socketErrors: 5,
      non2xx: 7,
    });
  });

  it("sums a CPU profile's self time per function", () => {
    const frame = (functionName: string, lineNumber: number) => ({
      functionName,
      url: `file://${process.cwd()}/lib/x.ts`,
      lineNumber,
    });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(root)", 0), children: [2, 3] },
        { id: 2, callFrame: frame("writeHead", 9) },
        { id: 3, callFrame: frame("newNonce", 41) },
      ],
      samples: [2, 3, 2, 2],
      timeDeltas: [1000, 1000, 1000, 1000],
    };
    expect(topSelfTime(profile, 2)).toEqual([
      { frame: "writeHead lib/x.ts:10", selfMs: 3, percent: 75 },
      { frame: "newNonce lib/x.ts:42", selfMs: 1, percent: 25 },
    ]);
  });

  it("counts a function's total time once per sample however deep it recurses, and cuts a profile's start", () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(root)", ""), children: [2] },
        { id: 2, callFrame: frame("render", `file://${process.cwd()}/node_modules/react/x.js`), children: [3, 4] },
        { id: 3, callFrame: frame("render", `file://${process.cwd()}/node_modules/react/x.js`), children: [] },
        { id: 4, callFrame: frame("query", `file://${process.cwd()}/node_modules/pg/y.js`) },
      ],
      samples: [3, 4, 4, 1],
      timeDeltas: [1000, 1000, 1000, 1000],
      startTime: 5_000,
    };
    expect(topTotalTime(profile, 2)).toEqual([
      { frame: "render node_modules/react/x.js:1", totalMs: 3, percent: 75 },
      { frame: "query node_modules/pg/y.js:1", totalMs: 2, percent: 50 },
    ]);
    expect(selfTimeByModule(profile).map((row) => [row.frame, row.selfMs])).toEqual([
      ["pg", 2],
      ["react", 1],
      ["(native: V8, GC, idle, system calls)", 1],
    ]);
    // Samples at 6,000, 7,000, 8,000 and 9,000 µs: from 8,000 on, the last two.
    expect(profileSince(profile, 8_000).samples).toEqual([4, 1]);
  });

  it("books CPU per process across a replaced process and reports shares of the machine", () => {
    let worker = 100;
    const account = new CpuAccount();
    account.begin("worker", () => worker);
    worker = 400;
    account.settle("worker");
    let restarted = 0;
    account.begin("worker", () => restarted, 0);
    restarted = 200;
    account.add("generator", 300);
    const spent = account.close();
    expect(spent).toEqual({ worker: 500, generator: 300 });
    const report = cpuReport(spent, 1000, 1000, 2);
    expect(report.processes).toEqual({
      worker: { seconds: 0.5, sharePercent: 25 },
      generator: { seconds: 0.3, sharePercent: 15 },
      others: { seconds: 0.2, sharePercent: 10 },
    });
    expect(report.busySharePercent).toBe(50);
    // This process, read from /proc, has spent something; a process that is gone reads NaN.
    expect(treeCpuMs(process.pid)).toBeGreaterThanOrEqual(0);
    expect(treeCpuMs(2 ** 22 + 1)).toBeNaN();
  });

  it("gives nginx and the plain server the portal's headers, without those each server sets itself", () => {
    expect(
      servedHeaders({
        "content-type": "text/html; charset=utf-8",
        "cache-control": "public, max-age=60",
        "x-portal-cache": "HIT",
        date: "Sun, 06 Dec 2026 06:40:00 GMT",
        connection: "keep-alive",
        "keep-alive": "timeout=5",
        "transfer-encoding": "chunked",
        "content-length": "33519",
        "set-cookie": undefined,
      }),
    ).toEqual({
      "content-type": "text/html; charset=utf-8",
      "cache-control": "public, max-age=60",
      "x-portal-cache": "HIT",
    });
  });

  it("takes the value at a percentile of sorted values, the last one at most", () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 50)).toBe(6);
    expect(percentile(sorted, 99)).toBe(10);
    expect(percentile(sorted, 100)).toBe(10);
    expect(percentile([], 50)).toBeNaN();
  });
});
