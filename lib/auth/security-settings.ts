import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/validation/parse";
import type { Role } from "@/lib/db/generated/client";

// Security policy (等保 2.0 practice), editable by the security administrator and kept in
// PlatformState. Bounds keep it from being weakened below sensible minimums.

export const ZSecuritySettings = z.object({
  lockoutThreshold: z.coerce.number().int().min(3, "至少 3 次").max(10, "至多 10 次"),
  lockoutMinutes: z.coerce.number().int().min(5, "至少 5 分钟").max(1440, "至多 1440 分钟"),
  passwordMaxAgeDays: z.coerce.number().int().min(30, "至少 30 天").max(180, "至多 180 天"),
  idleTimeoutMinutes: z.coerce.number().int().min(5, "至少 5 分钟").max(120, "至多 120 分钟"),
  /** Sign-in throttle (lib/auth/sign-in-throttle.ts): attempts a minute from one address. */
  signInPerAddressPerMinute: z.coerce.number().int().min(5, "至少 5 次").max(1000, "至多 1000 次"),
  /** Failed attempts a minute for one username, from any address. */
  signInFailuresPerUsernamePerMinute: z.coerce.number().int().min(3, "至少 3 次").max(100, "至多 100 次"),
  /** Failed attempts an hour from one address, across all usernames (password spraying). */
  signInFailuresPerAddressPerHour: z.coerce.number().int().min(10, "至少 10 次").max(10_000, "至多 10000 次"),
  /** 回收站: days an item stays there before the system administrator may purge it (lib/library/trash.ts). */
  trashRetentionDays: z.coerce.number().int().min(7, "至少 7 天").max(3650, "至多 3650 天"),
});
export type SecuritySettings = z.infer<typeof ZSecuritySettings>;

export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = {
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  passwordMaxAgeDays: 90,
  idleTimeoutMinutes: 30,
  signInPerAddressPerMinute: 30,
  signInFailuresPerUsernamePerMinute: 10,
  signInFailuresPerAddressPerHour: 100,
  trashRetentionDays: 30,
};

/** Roles whose holders must use two-factor sign-in: approvers and the three administrators. */
export const TOTP_REQUIRED_ROLES: readonly Role[] = [
  "DIRECT_RESPONSIBLE",
  "FIRST_RESPONSIBLE",
  "SYSTEM_ADMIN",
  "SECURITY_ADMIN",
  "AUDIT_ADMIN",
];

const KEY = "security-settings";

export async function getSecuritySettings(): Promise<SecuritySettings> {
  const row = await getDb().platformState.findUnique({ where: { key: KEY } });
  const parsed = ZSecuritySettings.safeParse({ ...DEFAULT_SECURITY_SETTINGS, ...((row?.value as object) ?? {}) });
  return parsed.success ? parsed.data : DEFAULT_SECURITY_SETTINGS;
}

export async function updateSecuritySettings(
  actor: Principal,
  input: unknown,
  context: { ip?: string | null; userAgent?: string | null } = {},
): Promise<SecuritySettings> {
  const role = await assertCan(actor, "security.settings", "platform");
  const before = await getSecuritySettings();
  // A field the input leaves out keeps its current value.
  const settings = parseInput(
    ZSecuritySettings,
    typeof input === "object" && input !== null ? { ...before, ...input } : input,
    "安全策略填写有误。",
  );
  await getDb().$transaction(async (tx) => {
    await tx.platformState.upsert({
      where: { key: KEY },
      create: { key: KEY, value: settings },
      update: { value: settings },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "security.settings.update",
      subject: "platform:security-settings",
      data: { before, after: settings },
      ...context,
    });
  });
  return settings;
}
