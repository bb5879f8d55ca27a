// npm start – the whole product on its embedded defaults: PostgreSQL (embedded unless
// DATABASE_URL is set), migrations, the demo seed on first run, a production build when the
// sources changed, then the portal server (scripts/server.ts: Next.js behind the page cache) on PORT (3000). `npm run dev` does the same with
// `next dev`; `npm run build` (--build-only) only builds. Ctrl-C stops the server and the
// embedded database cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, createHash } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { ConfigError, parseEnv, type Env } from "@/lib/env";
import { prepareDatabase } from "@/lib/seed/prepare";
import { startJobRunner, type JobRunner } from "@/lib/jobs/runner";

const isDev = process.argv.includes("--dev");
const isBuildOnly = process.argv.includes("--build-only");
const log = (message: string) => console.log(`[tongyuan] ${message}`);

async function main() {
  const env = parseEnv(process.env);
  if (isBuildOnly) {
    await buildIfStale({ ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
    return;
  }
  const database = await prepareDatabase(env, log);
  let server: ChildProcess | undefined = undefined;
  let jobs: JobRunner | undefined;
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server!.once("exit", resolve));
    }
    await jobs?.stop().catch(() => {});
    if (database.isOwner) {
      log("正在停止内置数据库 (stopping embedded PostgreSQL)…");
      await database.stop();
    }
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...(await serverEnv(env)) };
  // The web server needs neither the schema owner's URL nor the audit signing key: the set-up
  // above and the job runner in this process use them.
  for (const secret of ["DATABASE_OWNER_URL", "MIGRATION_DATABASE_URL", "AUDIT_SIGNING_KEY"]) delete childEnv[secret];
  if (!isDev) {
    try {
      await buildIfStale(childEnv);
    } catch (error) {
      await database.stop();
      throw error;
    }
  }

  if (env.RUN_JOBS) jobs = await startJobRunner(database.url, `app-${process.pid}`, log);
  server = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts", ...(isDev ? ["--dev"] : [])], {
    env: { ...childEnv, PORT: String(env.PORT), NODE_ENV: isDev ? "development" : "production" },
    stdio: "inherit",
  });
  server.on("exit", (code) => void stop(code ?? 1));
  log(`同源已启动 (Tongyuan is starting) on http://localhost:${env.PORT}`);
}

/** Environment for the Next.js process: the auth secret and how next-auth finds its own URL. */
async function serverEnv(env: Env): Promise<Record<string, string>> {
  const extra: Record<string, string> = {
    AUTH_SECRET: env.AUTH_SECRET ?? (await embeddedAuthSecret(env.dataDir)),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // next-auth 4 reads these itself: a configured public URL, or else the request's own host.
  if (env.AUTH_URL) extra.NEXTAUTH_URL = env.AUTH_URL;
  else extra.AUTH_TRUST_HOST = "true";
  return extra;
}

/** The embedded default keeps a generated session secret beside its data, so sessions survive restarts. */
async function embeddedAuthSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return (await fs.readFile(file, "utf8")).trim();
  const secret = randomBytes(32).toString("base64url");
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "next.config.ts",
  "package-lock.json",
  "tsconfig.json",
];
const STAMP = path.resolve(".next/tongyuan-build-stamp");

/** Rebuilds only when the sources differ from the last build, so a plain restart is quick. */
async function buildIfStale(childEnv: NodeJS.ProcessEnv) {
  const fingerprint = await fingerprintSources();
  const previous = existsSync(STAMP) ? (await fs.readFile(STAMP, "utf8")).trim() : "";
  if (previous === fingerprint && existsSync(".next/BUILD_ID")) return;
  log("正在构建 (building the site, first start or changed sources)…");
  const nextBin = path.resolve("node_modules/next/dist/bin/next");
  const code = await new Promise<number>((resolve) =>
    spawn(process.execPath, [nextBin, "build"], { env: { ...childEnv, NODE_ENV: "production" }, stdio: "inherit" }).on(
      "exit",
      (exitCode) => resolve(exitCode ?? 1),
    ),
  );
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
  await fs.writeFile(STAMP, fingerprint);
}

async function fingerprintSources(): Promise<string> {
  const hash = createHash("sha256");
  const walk = async (entry: string): Promise<void> => {
    if (!existsSync(entry) || entry.includes(`${path.sep}generated`)) return;
    const stat = await fs.stat(entry);
    if (stat.isDirectory()) {
      for (const child of (await fs.readdir(entry)).sort()) await walk(path.join(entry, child));
    } else {
      hash.update(entry).update(await fs.readFile(entry));
    }
  };
  for (const input of BUILD_INPUTS) await walk(input);
  hash.update(await fs.readFile("prisma/schema.prisma"));
  return hash.digest("hex");
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error("[tongyuan] 启动失败 (start-up failed):", error instanceof Error ? error.message : error);
  process.exit(1);
});
