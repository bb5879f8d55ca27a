import { createHash } from "node:crypto";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { getDb, resolveDatabaseUrl } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { getSecuritySettings, type SecuritySettings } from "@/lib/auth/security-settings";

// Sign-in throttle (等保 2.0: 登录失败处理), in front of the per-account lockout of
// lib/auth/authenticate.ts. Three counters, kept in PostgreSQL (table "SignInThrottle", created by a
// migration) so every app instance shares them:
//   - attempts from one address a minute (guessing at one account or many);
//   - failures for one username a minute, from any address (guessing spread over addresses,
//     and usernames that do not exist, which have no lockout);
//   - failures from one address an hour, across usernames (password spraying).
// The limits are security settings; a change applies to the next attempt, since the stored
// counts do not depend on the limit.

const TABLE = "SignInThrottle";

type Kind = "address" | "username_failures" | "address_failures";

const WINDOWS: Record<Kind, { seconds: number; limit: (settings: SecuritySettings) => number }> = {
  address: { seconds: 60, limit: (settings) => settings.signInPerAddressPerMinute },
  username_failures: { seconds: 60, limit: (settings) => settings.signInFailuresPerUsernamePerMinute },
  address_failures: { seconds: 3600, limit: (settings) => settings.signInFailuresPerAddressPerHour },
};

const globalForThrottle = globalThis as unknown as {
  tongyuanThrottlePool?: pg.Pool;
  tongyuanThrottleLimiters?: Map<string, RateLimiterPostgres>;
};

function getPool(): pg.Pool {
  if (!globalForThrottle.tongyuanThrottlePool) {
    const pool = new pg.Pool({ connectionString: resolveDatabaseUrl(), max: 4, allowExitOnIdle: true });
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    pool.on("error", () => {});
    globalForThrottle.tongyuanThrottlePool = pool;
  }
  return globalForThrottle.tongyuanThrottlePool;
}

function limiter(kind: Kind, settings: SecuritySettings): RateLimiterPostgres {
  const points = WINDOWS[kind].limit(settings);
  const cacheKey = `${kind}:${points}`;
  const limiters = (globalForThrottle.tongyuanThrottleLimiters ??= new Map());
  let found = limiters.get(cacheKey);
  if (!found) {
    found = new RateLimiterPostgres({
      storeClient: getPool(),
      storeType: "pool",
      tableName: TABLE,
      // The app's database role may not create tables; the migration did.
      tableCreated: true,
      keyPrefix: kind,
      points,
      duration: WINDOWS[kind].seconds,
    });
    limiters.set(cacheKey, found);
  }
  return found;
}

export type SignInAttempt = { ip: string | null; username: string };
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; reason: Kind };

const addressKey = (ip: string | null) => ip ?? "unknown";
// A username is whatever the client typed: kept by its digest, so a control character or an
// overlong name cannot break the store, and shown printable in the audit record.
const usernameKey = (username: string) =>
  createHash("sha256").update(username.trim().toLowerCase()).digest("base64url");
const printable = (text: string) => text.replace(/[\u0000-\u001f\u007f]/g, "\ufffd").slice(0, 64);

/**
 * Counts one sign-in attempt against its address and tells whether it may go on to the password
 * check. A refusal is audited once per window and counter, so a flood cannot flood the audit log.
 */
export async function admitSignInAttempt(
  attempt: SignInAttempt,
  context: { userAgent?: string | null } = {},
): Promise<ThrottleDecision> {
  const settings = await getSecuritySettings();
  const address = addressKey(attempt.ip);
  const username = usernameKey(attempt.username);
  let refusal: { kind: Kind; res: RateLimiterRes; isFirst: boolean } | null = null;
  try {
    await limiter("address", settings).consume(address);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    refusal = { kind: "address", res: error, isFirst: error.consumedPoints === settings.signInPerAddressPerMinute + 1 };
  }
  if (!refusal) {
    for (const [kind, key] of [
      ["username_failures", username],
      ["address_failures", address],
    ] as const) {
      const res = await limiter(kind, settings).get(key);
      if (res && res.consumedPoints >= WINDOWS[kind].limit(settings)) {
        refusal = { kind, res, isFirst: false };
        break;
      }
    }
  }
  if (!refusal) return { allowed: true };
  const retryAfterSeconds = Math.max(1, Math.ceil(refusal.res.msBeforeNext / 1000));
  if (refusal.isFirst) await auditThrottle(refusal.kind, attempt, retryAfterSeconds, context);
  return { allowed: false, retryAfterSeconds, reason: refusal.kind };
}

/** Counts a failed sign-in (or a wrong current password) against its username and its address. */
export async function noteSignInFailure(
  attempt: SignInAttempt,
  context: { userAgent?: string | null } = {},
): Promise<void> {
  const settings = await getSecuritySettings();
  for (const [kind, key] of [
    ["username_failures", usernameKey(attempt.username)],
    ["address_failures", addressKey(attempt.ip)],
  ] as const) {
    const limit = WINDOWS[kind].limit(settings);
    const res = await limiter(kind, settings).penalty(key, 1);
    // Audited when the counter fills; further attempts in this window are refused by admitSignInAttempt.
    if (res.consumedPoints === limit)
      await auditThrottle(kind, attempt, Math.max(1, Math.ceil(res.msBeforeNext / 1000)), context);
  }
}

async function auditThrottle(
  kind: Kind,
  attempt: SignInAttempt,
  retryAfterSeconds: number,
  context: { userAgent?: string | null },
) {
  await getDb().$transaction(async (tx) => {
    await recordAudit(tx, {
      actorId: null,
      action: "auth.sign_in.throttled",
      subject: kind === "username_failures" ? `user:${printable(attempt.username)}` : `ip:${addressKey(attempt.ip)}`,
      data: { reason: kind, username: printable(attempt.username), retryAfterSeconds },
      ip: attempt.ip,
      userAgent: context.userAgent ?? null,
    });
  });
}

/**
 * The same PostgreSQL-backed limiter for another public form (e.g. the letter form of
 * lib/interaction): counts one use of `key` under `name` and tells how long to wait when the
 * `points` of the window are spent, or null when the use is allowed.
 */
export async function consumeRateLimit(
  name: string,
  key: string,
  points: number,
  seconds: number,
): Promise<number | null> {
  const limiters = (globalForThrottle.tongyuanThrottleLimiters ??= new Map());
  const cacheKey = `${name}:${points}:${seconds}`;
  let found = limiters.get(cacheKey);
  if (!found) {
    found = new RateLimiterPostgres({
      storeClient: getPool(),
      storeType: "pool",
      tableName: TABLE,
      tableCreated: true,
      keyPrefix: name,
      points,
      duration: seconds,
    });
    limiters.set(cacheKey, found);
  }
  try {
    await found.consume(key);
    return null;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
  }
}

/** Closes the throttle's connections (tests and scripts that end their process). */
export async function closeSignInThrottle(): Promise<void> {
  const pool = globalForThrottle.tongyuanThrottlePool;
  globalForThrottle.tongyuanThrottlePool = undefined;
  globalForThrottle.tongyuanThrottleLimiters = undefined;
  await pool?.end();
}
