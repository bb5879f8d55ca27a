// Load tools of the benchmarks: wrk as the load generator (a C program: it does not saturate
// before the server does, as a Node generator in one process does), and nginx and a plain Node
// server serving the same bytes as the ceilings a server of this machine reaches. wrk and nginx are
// Debian packages; when one is missing it is installed like Chromium (scripts/ensure-chromium.mjs),
// or the message says how.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import type http from "node:http";
import path from "node:path";
import { track } from "./bench-processes";

/** The binary's path, installing its Debian package first when it is missing. */
export function ensureDebianTool(binary: string, debianPackage: string): string {
  if (existsSync(binary)) return binary;
  const sudo = process.getuid?.() === 0 ? [] : ["sudo", "-n"];
  console.error(`[bench] ${binary} is missing; installing Debian's ${debianPackage} package…`);
  for (const args of [
    ["apt-get", "update", "-qq"],
    ["apt-get", "install", "-y", "-qq", debianPackage],
  ]) {
    const [command, ...rest] = [...sudo, ...args];
    const result = spawnSync(command!, rest, {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (result.status !== 0) break;
  }
  if (!existsSync(binary)) {
    console.error(`[bench] ${binary} is still missing. Install it with: sudo apt-get install ${debianPackage}`);
    process.exit(1);
  }
  return binary;
}

export type WrkResult = {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  socketErrors: number;
  non2xx: number;
};

function milliseconds(value: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim());
  if (!match) return NaN;
  const amount = Number(match[1]);
  return match[2] === "us"
    ? amount / 1000
    : match[2] === "ms"
      ? amount
      : match[2] === "s"
        ? amount * 1000
        : amount * 60_000;
}

/** The figures of `wrk --latency` output. */
export function parseWrk(output: string): WrkResult {
  const percentile = (p: number) => milliseconds(new RegExp(`^\\s*${p}%\\s+(\\S+)`, "m").exec(output)?.[1] ?? "");
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    rps: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? NaN)),
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    requests: Number(/(\d+) requests in/.exec(output)?.[1] ?? NaN),
    socketErrors: socket ? socket.slice(1).reduce((sum, count) => sum + Number(count), 0) : 0,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0),
  };
}

export type WrkOptions = {
  wrk: string;
  host: string;
  seconds: number;
  connections: number;
  threads: number;
  /** More request headers ("Name: value"). */
  headers?: string[];
};

export function runWrk(url: string, options: WrkOptions): Promise<WrkResult> {
  const args = [
    `-t${options.threads}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    "--latency",
    "-H",
    `Host: ${options.host}`,
    ...(options.headers ?? []).flatMap((header) => ["-H", header]),
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(options.wrk, args, { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(parseWrk(output)) : reject(new Error(`wrk exited with ${code}:\n${output}`)),
    );
  });
}

export type ServedFile = { path: string; file: string; headers: Record<string, string> };

/**
 * nginx with one worker (like the one Node process it is compared with), no root, no daemon, no
 * access log, serving `files` at their exact paths with the given response headers. Stopped
 * with SIGQUIT by the returned `stop`.
 */
export async function startNginx(
  nginx: string,
  dir: string,
  port: number,
  files: ServedFile[],
): Promise<{ pid: number; stop: () => Promise<void> }> {
  await fs.mkdir(dir, { recursive: true });
  // Workers run as nobody when started by root: they must be able to read the files.
  await fs.chmod(dir, 0o755);
  const quote = (value: string) => `"${value.replace(/["\\]/g, "\\$&")}"`;
  const locations = files.map(({ path: at, file, headers }) => {
    const extra = Object.entries(headers)
      .filter(([name]) => name !== "content-type" && name !== "content-length")
      .map(([name, value]) => `      add_header ${name} ${quote(value)} always;`);
    return [
      `    location = ${at} {`,
      `      default_type ${quote(headers["content-type"] ?? "text/html; charset=utf-8")};`,
      `      alias ${file};`,
      ...extra,
      "    }",
    ].join("\n");
  });
  const config = `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  etag off;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  types { }
  server {
    listen 127.0.0.1:${port};
${locations.join("\n")}
  }
}
`;
  const configFile = path.join(dir, "nginx.conf");
  await fs.writeFile(configFile, config);
  const child = track(
    spawn(nginx, ["-p", dir, "-c", configFile, "-e", path.join(dir, "error.log")], {
      stdio: ["ignore", "inherit", "inherit"],
    }),
  );
  // Ready when the port answers.
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}); see ${dir}/error.log`);
    const ok = await fetch(`http://127.0.0.1:${port}${files[0]!.path}`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    if (attempt > 100) throw new Error("nginx did not answer");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGQUIT");
    });
  return { pid: child.pid!, stop };
}

/** The plain server: argv = port, a JSON file of { path: [headers, file] }. */
const PLAIN_SERVER = `
const http = require("node:http");
const fs = require("node:fs");
const [port, table] = process.argv.slice(1);
const pages = new Map(Object.entries(JSON.parse(fs.readFileSync(table, "utf8"))).map(([at, [headers, file]]) => {
  const body = fs.readFileSync(file);
  return [at, { body, head: [...Object.entries(headers).flat(), "content-length", String(body.length)] }];
}));
http.createServer((req, res) => {
  const page = pages.get(req.url);
  if (!page) { res.writeHead(404, { "content-length": 0 }); return res.end(); }
  res.writeHead(200, page.head);
  res.end(page.body);
}).listen(Number(port), () => console.log("listening"));
`;

/**
 * A plain Node http server, one process, answering `files` from memory with their headers: what
 * Node itself serves on this machine. `table` is the file it reads them from.
 */
export async function startPlainServer(port: number, table: string, files: ServedFile[]): Promise<ChildProcess> {
  await fs.writeFile(
    table,
    JSON.stringify(Object.fromEntries(files.map((page) => [page.path, [page.headers, page.file]]))),
  );
  const plain = track(
    spawn(process.execPath, ["-e", PLAIN_SERVER, String(port), table], {
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  await new Promise<void>((resolve) =>
    plain.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve()),
  );
  return plain;
}

/** The headers a cached page is answered with, as the other servers should send them too. */
export function servedHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const skip = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length"]);
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name, value]) => !skip.has(name) && value !== undefined)
      .map(([name, value]) => [name, String(value)]),
  );
}

const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, ms) used so far by a process and its live descendants (nginx's worker),
 * from /proc. Divided by the requests served, it is a server's cost per request: a figure that,
 * unlike throughput, holds when other work shares the machine.
 */
export function cpuMilliseconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // utime and stime are fields 14 and 15 of stat; the split leaves the state (field 3) first.
    const own = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    return own + children.reduce((sum, child) => sum + cpuMilliseconds(child), 0);
  } catch {
    return NaN;
  }
}
