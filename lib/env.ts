import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";

// Configuration is parsed once, here; nothing else reads process.env (STYLE.md 10).
// A bad value stops start-up with a message naming the variable (lib/config-error.ts formats it).

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value) && URL.canParse(value), {
    message: "must be a PostgreSQL URL such as postgresql://user:password@host:5432/tongyuan",
  });

const httpUrl = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), {
    message: "must be an http(s) URL such as http://meilisearch:7700",
  });

const port = z.coerce
  .number({ message: "must be a port number" })
  .int("must be a whole number")
  .min(1, "must be between 1 and 65535")
  .max(65535, "must be between 1 and 65535");

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], {
    message: "must be true or false",
  })
  .transform((value) => ["1", "true", "yes", "on"].includes(value));

export type TrustedProxy = { address: string; prefix: number; family: "ipv4" | "ipv6" };

/** "10.0.0.1, 10.1.0.0/16, ::1" → address ranges; an entry that is not an IP or CIDR is refused. */
const trustedProxies = z.string().transform((value, ctx): TrustedProxy[] => {
  const ranges: TrustedProxy[] = [];
  for (const entry of value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address = "", prefixText, extra] = entry.split("/");
    const version = isIP(address);
    const bits = version === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (!version || extra !== undefined || !(prefix >= 0 && prefix <= bits)) {
      ctx.addIssue({
        code: "custom",
        message: `"${entry}" is not an IP address or CIDR range (e.g. 10.0.0.1, 10.0.0.0/8, fd00::/8)`,
      });
      return z.NEVER;
    }
    ranges.push({ address, prefix, family: version === 4 ? "ipv4" : "ipv6" });
  }
  return ranges;
});

const emptyAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Production database, as the app's own role: not a superuser, not the owner of the tables
   *  (it may not change or remove audit events). Without it an embedded PostgreSQL is started
   *  (lib/db/embedded.ts), reached as its own app role. */
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  /** The owner role of the schema: migrations, the demo seed, the search rebuild and the grants to
   *  DATABASE_URL's role run as it (lib/db/roles.ts). Only the one-off set-up step needs it; the app
   *  and worker run without it. Alias: MIGRATION_DATABASE_URL. */
  DATABASE_OWNER_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  MIGRATION_DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  PORT: z.preprocess(emptyAsUndefined, port.default(3000)),
  /** Where embedded PostgreSQL data, generated secrets and the demo password file live. */
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default(".data")),
  /** Fixed local port of the embedded PostgreSQL, so every project command reaches the same server. */
  EMBEDDED_PG_PORT: z.preprocess(emptyAsUndefined, port.default(54329)),
  /** Signs session tokens. Required with DATABASE_URL; the embedded default generates and keeps one. */
  AUTH_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
  ),
  /** Public base URL of the admin (e.g. https://gov.example.cn). Without it the request's host is used. */
  AUTH_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  /** Encrypts channel credentials (WeChat app secret, Weibo token, webhook signing secret). Required
   *  with DATABASE_URL; the embedded default generates and keeps one beside its data. */
  CHANNEL_SECRET_KEY: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
  ),
  MEILI_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  MEILI_MASTER_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** Password of the seeded demo accounts; generated on first start when unset. */
  SEED_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(10, "must be at least 10 characters").optional()),
  /** Where uploaded files are stored (default: DATA_DIR/assets). */
  ASSET_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** Where asset bytes live: the local directory (default) or an S3-compatible object store. */
  ASSET_STORE: z.preprocess(
    emptyAsUndefined,
    z.enum(["local", "s3"], { message: "must be local or s3" }).default("local"),
  ),
  S3_ENDPOINT: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  S3_REGION: z.preprocess(emptyAsUndefined, z.string().default("us-east-1")),
  S3_BUCKET: z.preprocess(emptyAsUndefined, z.string().optional()),
  S3_ACCESS_KEY_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
  S3_SECRET_ACCESS_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** Largest accepted upload, in megabytes. */
  MAX_UPLOAD_MB: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(2048).default(200)),
  /** Run background jobs inside the `npm start` process (production runs `npm run worker` instead). */
  RUN_JOBS: z.preprocess(emptyAsUndefined, flag.default(true)),
  /** Channel deliveries (lib/channels/deliveries.ts): retries after the first attempt (8 attempts in all),
   *  the first retry's delay in seconds (doubling, with jitter, each time), and an attempt's lease:
   *  how long it may run before the workers presume its worker dead and make it due again (same
   *  idempotency key; see deliveryRecoveryBoundSeconds). */
  DELIVERY_RETRY_LIMIT: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ message: "must be a number" }).int().min(0).max(20).default(7),
  ),
  DELIVERY_RETRY_DELAY_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ message: "must be a number" }).int().min(1).max(3600).default(5),
  ),
  DELIVERY_EXPIRE_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ message: "must be a number" }).int().min(2).max(86_400).default(300),
  ),
  /** How long one HTTP call to a platform may take, in seconds (must stay below DELIVERY_EXPIRE_SECONDS). */
  DELIVERY_TIMEOUT_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ message: "must be a number" }).int().min(1).max(600).default(30),
  ),
  /** Scheduling priority (nice, 0–19) of the separate job worker (npm run worker): it yields the CPU
   *  to the web server; 0 leaves it as started (lib/jobs/priority.ts). */
  WORKER_NICE: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ message: "must be a whole number from 0 to 19" }).int().min(0).max(19).default(10),
  ),
  /** How often the job queue looks for expired (crashed) jobs, in seconds (deliveries have their own timer). */
  JOBS_MAINTENANCE_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ message: "must be a number" }).int().min(1).max(3600).default(120),
  ),
  /** Reverse proxies whose X-Forwarded-For is believed (comma-separated IPs or CIDR ranges). Empty: the
   *  client is the connection's own address and forwarding headers are ignored (lib/auth/client-ip.ts). */
  TRUSTED_PROXIES: z.preprocess((value) => value ?? "", trustedProxies),
  /** Where the audit chain's anchor lives, outside the database: the Ed25519 signing key (generated
   *  on first start when missing), its public key, and the append-only file of signed checkpoints
   *  (default: DATA_DIR/audit). */
  AUDIT_ANCHOR_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** The checkpoint signing key as PKCS#8 PEM (instead of the key file in AUDIT_ANCHOR_DIR). */
  AUDIT_SIGNING_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** The public key audit:verify checks checkpoints and archives with (PEM file; default: the one
   *  beside the signing key). Keep a copy where the database's administrators cannot write. */
  AUDIT_PUBLIC_KEY_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** How long a signed draft-preview link (lib/sites/preview) stays valid, in minutes. */
  PREVIEW_LINK_MINUTES: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1).max(1440).default(30),
  ),
  /** The public letter form's proof-of-work captcha (altcha, PBKDF2/SHA-256): iterations per try,
   *  and the highest counter a challenge may hide (the browser tries about half of it on average). */
  INTERACTION_CAPTCHA_COST: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(1_000)),
  INTERACTION_CAPTCHA_MAX_COUNTER: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(2).max(1_000_000).default(5_000),
  ),
  /** Letters one address may send an hour (the public form, per client address). */
  INTERACTION_LETTERS_PER_HOUR: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(10_000).default(10)),
  /** Look-ups and ratings by 查询码 + password one address may make an hour. */
  INTERACTION_LOOKUPS_PER_HOUR: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(10_000).default(60)),
  /** 智能问答 (GET /api/qa and the question box): questions one address may ask a minute without a partner key. */
  QA_REQUESTS_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(30)),
  /** Optional OpenAI-compatible endpoint (…/v1) that phrases 智能问答's answer from the retrieved
   *  passages, with their citations; off when unset. */
  QA_LLM_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  QA_LLM_MODEL: z.preprocess(emptyAsUndefined, z.string().default("qwen2.5-7b-instruct")),
  QA_LLM_API_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  QA_LLM_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).max(60_000).default(8000)),
  /** Messages one relay may post a minute (POST /api/interaction/inbound). */
  INTERACTION_RELAY_MESSAGES_PER_MINUTE: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(100_000).default(120),
  ),
  /** Answers one address may give to one 征集调查 a day, and comments it may post to one an hour. */
  CONSULT_ANSWERS_PER_ADDRESS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(20)),
  CONSULT_COMMENTS_PER_HOUR: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(10_000).default(5)),
  /** Live 在线访谈 streams (server-sent events) one portal process keeps open, in all and per address. */
  INTERVIEW_STREAMS_MAX: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(2000)),
  INTERVIEW_STREAMS_PER_ADDRESS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1000).default(6)),
  /** How phone verification codes are sent: off (no 征集调查 may require a phone), http (a gateway
   *  at SMS_HTTP_URL receiving {"phone","text"} with SMS_HTTP_TOKEN as bearer), or dev-log
   *  (development only: the message is written to the server log; refused in production). */
  SMS_SENDER: z.preprocess(emptyAsUndefined, z.enum(["off", "http", "dev-log"]).default("off")),
  SMS_HTTP_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  SMS_HTTP_TOKEN: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** Supervision monitors (lib/supervision): the portal address the availability probe and internal
   *  link checks reach (default: this machine's own server, http://127.0.0.1:PORT, with each site's
   *  host as the Host header); whether external links may be checked over the network (off by
   *  default: many government networks allow no outbound traffic); the probe timeout (15 s: the
   *  国办秘函〔2019〕19号 line); and the pause between two requests to one external host. */
  SUPERVISION_PORTAL_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  SUPERVISION_OUTBOUND: z.preprocess(emptyAsUndefined, flag.default(false)),
  SUPERVISION_PROBE_TIMEOUT_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(120).default(15),
  ),
  SUPERVISION_HOST_DELAY_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(60_000).default(1_000)),
  /** The full monitoring run and the quarter's scoring yield to the portal: the share of time they
   *  may work between pauses (0.5: a pause as long as each batch), the connections of their own pool
   *  (one backend), and the longest one statement of theirs may run. */
  SUPERVISION_DUTY_CYCLE: z.preprocess(emptyAsUndefined, z.coerce.number().min(0.05).max(1).default(0.5)),
  /** The CPU priority (nice, 0–19) of the thread the full supervision runs take in the jobs process
   *  (lib/supervision/thread.ts): 19, the lowest, by default; 0 runs them on the jobs thread itself. */
  SUPERVISION_NICE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(19).default(19)),
  /** The supervision thread and its PostgreSQL backends also under SCHED_IDLE (run only when a core is idle). */
  SUPERVISION_SCHED_IDLE: z.preprocess(emptyAsUndefined, flag.default(true)),
  /** The weekday (China time, 0 = Sunday … 6 = Saturday) on which the content scan reads every live
   *  item again; other days it reads only what was published, corrected or placed since its last run. */
  SUPERVISION_FULL_SCAN_DAY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(6).default(0)),
  SUPERVISION_DB_CONNECTIONS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(10).default(1)),
  SUPERVISION_STATEMENT_TIMEOUT_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(600).default(60),
  ),
  /** Demo conveniences for seeded accounts. On by default only for the embedded database. */
  DEMO_MODE: z.preprocess(emptyAsUndefined, flag.optional()),
});

export type Env = z.infer<typeof ZEnv> & {
  /** True when no DATABASE_URL is given and the embedded PostgreSQL serves the data. */
  isEmbeddedDatabase: boolean;
  demoMode: boolean;
  dataDir: string;
  assetDir: string;
  searchEngine: "meilisearch" | "postgres";
  /** DATABASE_OWNER_URL (or MIGRATION_DATABASE_URL); undefined for the embedded default, whose owner is known. */
  databaseOwnerUrl: string | undefined;
  auditAnchorDir: string;
};

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(
      "配置错误 (configuration error):\n" + issues.map((issue) => `  ${issue.variable}: ${issue.message}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

export function parseEnv(source: Record<string, string | undefined>, cwd = process.cwd()): Env {
  const result = ZEnv.safeParse(source);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "(environment)"),
        message: issue.message,
      })),
    );
  }
  const env = result.data;
  const isEmbeddedDatabase = env.DATABASE_URL === undefined;
  if (env.ASSET_STORE === "s3") {
    const missing = (["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const).filter((key) => !env[key]);
    if (missing.length)
      throw new ConfigError(missing.map((variable) => ({ variable, message: "is required when ASSET_STORE=s3" })));
  }
  if (env.DELIVERY_TIMEOUT_SECONDS >= env.DELIVERY_EXPIRE_SECONDS) {
    throw new ConfigError([
      {
        variable: "DELIVERY_TIMEOUT_SECONDS",
        message: `must be less than DELIVERY_EXPIRE_SECONDS (${env.DELIVERY_EXPIRE_SECONDS})`,
      },
    ]);
  }
  if (env.SMS_SENDER === "dev-log" && env.NODE_ENV === "production" && !isEmbeddedDatabase) {
    throw new ConfigError([
      { variable: "SMS_SENDER", message: "dev-log only writes codes to the log; use http (or off) in production" },
    ]);
  }
  if (env.SMS_SENDER === "http" && !env.SMS_HTTP_URL) {
    throw new ConfigError([{ variable: "SMS_HTTP_URL", message: "is required when SMS_SENDER=http" }]);
  }
  const databaseOwnerUrl = env.DATABASE_OWNER_URL ?? env.MIGRATION_DATABASE_URL;
  if (databaseOwnerUrl && isEmbeddedDatabase) {
    throw new ConfigError([{ variable: "DATABASE_OWNER_URL", message: "needs DATABASE_URL too (the app's own role)" }]);
  }
  if (databaseOwnerUrl && env.DATABASE_URL && roleOf(databaseOwnerUrl) === roleOf(env.DATABASE_URL)) {
    throw new ConfigError([
      {
        variable: "DATABASE_URL",
        message: "must name a different role than DATABASE_OWNER_URL (the app may not own the tables)",
      },
    ]);
  }
  if (!isEmbeddedDatabase && env.AUTH_SECRET === undefined) {
    throw new ConfigError([
      {
        variable: "AUTH_SECRET",
        message: "is required when DATABASE_URL is set (at least 32 random characters)",
      },
    ]);
  }
  return {
    ...env,
    isEmbeddedDatabase,
    demoMode: env.DEMO_MODE ?? isEmbeddedDatabase,
    dataDir: path.resolve(cwd, env.DATA_DIR),
    assetDir: path.resolve(cwd, env.ASSET_DIR ?? path.join(env.DATA_DIR, "assets")),
    searchEngine: env.MEILI_URL ? "meilisearch" : "postgres",
    databaseOwnerUrl,
    auditAnchorDir: path.resolve(cwd, env.AUDIT_ANCHOR_DIR ?? path.join(env.DATA_DIR, "audit")),
  };
}

function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

let cached: Env | undefined;

/** The process's configuration, parsed on first use. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
