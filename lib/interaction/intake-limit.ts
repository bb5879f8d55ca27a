import { consumeRateLimit } from "@/lib/auth/sign-in-throttle";
import { getEnv } from "@/lib/env";
import { invalid } from "@/lib/errors";

// Letters one client address may send an hour (INTERACTION_LETTERS_PER_HOUR), counted in the
// sign-in throttle's PostgreSQL limiter so every app instance shares the count. The address is
// kept only as the limiter's key for the hour; nothing else about the visitor is stored.

export async function admitLetterFrom(ip: string | null): Promise<void> {
  const retryAfter = await consumeRateLimit(
    "letter_address",
    ip ?? "unknown",
    getEnv().INTERACTION_LETTERS_PER_HOUR,
    3600,
  );
  if (retryAfter !== null) {
    const minutes = Math.max(1, Math.ceil(retryAfter / 60));
    throw invalid(`提交过于频繁，请 ${minutes} 分钟后再试。`);
  }
}

/**
 * Look-ups and ratings by 查询码 + password one address may make an hour
 * (INTERACTION_LOOKUPS_PER_HOUR): enough to follow a few letters, too few to guess passwords.
 */
export async function admitLookupFrom(ip: string | null): Promise<void> {
  const retryAfter = await consumeRateLimit(
    "letter_lookup",
    ip ?? "unknown",
    getEnv().INTERACTION_LOOKUPS_PER_HOUR,
    3600,
  );
  if (retryAfter !== null) {
    const minutes = Math.max(1, Math.ceil(retryAfter / 60));
    throw invalid(`查询过于频繁，请 ${minutes} 分钟后再试。`);
  }
}
