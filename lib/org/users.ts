import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { getDb, type Tx } from "@/lib/db/client";
import { Role } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { type Action } from "@/lib/auth/permission-table";
import { hashPassword } from "@/lib/auth/password";
import { generateOneTimePassword } from "@/lib/org/one-time-password";
import { isPlatformAdministrator, requestCredentialReset } from "@/lib/org/credential-resets";
import { DomainError, fromPrismaError, invalid, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { grantRole, isPlatformAdminRole } from "@/lib/org/role-grants";
import type { RequestContext } from "@/lib/auth/authenticate";

// User accounts (等保 2.0: unique accounts, least privilege). New and reset accounts get a
// one-time password shown once to the administrator and must change it at first sign-in. New
// accounts hold no role until the security administrator grants one (三员分立).

export const CHECK_KEYS = ["politics", "law", "policy", "secrecy", "wording"] as const;

const blankAsUndefined = (value: unknown) => (value === "" ? undefined : value);

export const ZCreateUser = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9._-]{2,31}$/, "用户名须以小写字母开头，3–32 位小写字母、数字或 . _ -"),
    displayName: zText().trim().min(2, "请填写姓名").max(40, "姓名过长"),
    // A first role is optional and passes the same rules as any later grant (lib/org/role-grants.ts):
    // the system administrator, who creates accounts, grants none.
    orgId: z.preprocess(blankAsUndefined, z.uuid("请选择单位").optional()),
    role: z.preprocess(blankAsUndefined, z.enum(Role, { message: "请选择角色" }).optional()),
    checks: z.array(z.enum(CHECK_KEYS)).default([]),
  })
  .refine((data) => (data.orgId === undefined) === (data.role === undefined), {
    message: "单位和角色须同时选择",
    path: ["role"],
  });
export type TCreateUser = z.infer<typeof ZCreateUser>;

type Context = Partial<RequestContext>;

export { generateOneTimePassword };

/** The organizations a user belongs to: what scopes who may manage the account. */
async function assertCanManageUser(actor: Principal, action: Action, userId: string) {
  const user = await getDb().user.findUnique({ where: { id: userId }, include: { memberships: true } });
  if (!user) throw notFound();
  const orgIds = [...new Set(user.memberships.map((membership) => membership.orgId))];
  let role: Role | null = null;
  try {
    if (orgIds.length === 0) role = await assertCan(actor, action, "platform");
    // Only someone whose scope covers every unit the person belongs to may manage the account.
    for (const orgId of orgIds) role = await assertCan(actor, action, { orgId });
  } catch (error) {
    // Those who may not even view the account learn nothing about it.
    if (!(await canView(actor, orgIds))) throw notFound();
    throw error;
  }
  return { user, role: role! };
}

async function canView(actor: Principal, orgIds: string[]) {
  try {
    for (const orgId of orgIds) await assertCan(actor, "user.view", { orgId });
    if (orgIds.length === 0) await assertCan(actor, "user.view", "platform");
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates an account with a one-time password. It holds no role unless a first role is asked for,
 * which grantRole decides exactly as it decides addMembership; the account then waits for the
 * security administrator.
 */
export async function createUser(actor: Principal, input: unknown, context: Context = {}) {
  const data = parseInput(ZCreateUser, input, "请检查填写的内容。");
  const org = data.orgId ? await getDb().organization.findUnique({ where: { id: data.orgId } }) : null;
  if (data.orgId && (!org || !org.active))
    throw invalid("所选单位不存在或已停用。", { orgId: ["所选单位不存在或已停用"] });
  const role = await assertCan(actor, "user.create", org ? { orgId: org.id } : "platform");
  const password = generateOneTimePassword(data.username);
  const passwordHash = await hashPassword(password);
  try {
    const user = await getDb().$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { username: data.username, displayName: data.displayName, passwordHash, mustChangePassword: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        role,
        action: "user.create",
        subject: `user:${created.id}`,
        data: { after: { username: data.username, displayName: data.displayName } },
        ...context,
      });
      if (org && data.role)
        await grantRole(tx, actor, { userId: created.id, org, role: data.role, checks: data.checks }, context);
      return created;
    });
    return { userId: user.id, oneTimePassword: password };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    fromPrismaError(error, { conflict: "该用户名已被使用。" });
  }
}

export async function listUsers(actor: Principal, query: { q?: string } = {}) {
  assertHoldsRoleFor(actor, "user.view");
  const db = getDb();
  const users = await db.user.findMany({
    where: query.q
      ? { OR: [{ username: { contains: query.q, mode: "insensitive" } }, { displayName: { contains: query.q } }] }
      : {},
    orderBy: { username: "asc" },
    include: { memberships: { include: { org: { select: { name: true } } } } },
    take: 500,
  });
  // Filter by permission on the loaded records, not by what the client asked for.
  const can = await createPermissionChecker(actor);
  return users
    .filter((user) =>
      user.memberships.length === 0
        ? can("user.view", "platform")
        : user.memberships.every((membership) => can("user.view", { orgId: membership.orgId })),
    )
    .map(publicUser);
}

function publicUser(user: {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  lockedUntil: Date | null;
  totpEnabledAt: Date | null;
  mustChangePassword: boolean;
  lastSignInAt: Date | null;
  memberships: { id: string; orgId: string; role: Role; checks: string[]; org: { name: string } }[];
}) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    active: user.active,
    isLocked: Boolean(user.lockedUntil && user.lockedUntil > new Date()),
    lockedUntil: user.lockedUntil,
    hasTotp: Boolean(user.totpEnabledAt),
    mustChangePassword: user.mustChangePassword,
    lastSignInAt: user.lastSignInAt,
    isPlatformAdmin: user.memberships.some((membership) => isPlatformAdminRole(membership.role)),
    memberships: user.memberships.map((membership) => ({
      id: membership.id,
      orgId: membership.orgId,
      orgName: membership.org.name,
      role: membership.role,
      checks: membership.checks,
    })),
  };
}
export type UserView = ReturnType<typeof publicUser>;

export async function getUser(actor: Principal, userId: string): Promise<UserView> {
  await assertCanManageUser(actor, "user.view", userId);
  const user = await getDb().user.findUniqueOrThrow({
    where: { id: userId },
    include: { memberships: { include: { org: { select: { name: true } } } } },
  });
  return publicUser(user);
}

async function endAllSessions(tx: Tx, userId: string) {
  await tx.session.updateMany({ where: { userId, endedAt: null }, data: { endedAt: new Date() } });
}

export async function setUserActive(actor: Principal, userId: string, active: boolean, context: Context = {}) {
  const { user, role } = await assertCanManageUser(actor, "user.deactivate", userId);
  if (user.id === actor.id) throw invalid("不能停用自己的账号。");
  await getDb().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { active } });
    if (!active) await endAllSessions(tx, userId);
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: active ? "user.activate" : "user.deactivate",
      subject: `user:${userId}`,
      data: { before: { active: user.active }, after: { active } },
      ...context,
    });
  });
}

/**
 * A direct reset for ordinary accounts. An administrator's password is not reset here: the call
 * opens a request that a second administrator must approve (lib/org/credential-resets.ts).
 */
export async function resetPassword(actor: Principal, userId: string, context: Context = {}): Promise<ResetOutcome> {
  if (await isPlatformAdministrator(userId))
    return { pending: true, ...(await requestCredentialReset(actor, { userId, kind: "PASSWORD" }, context)) };
  const { user, role } = await assertCanManageUser(actor, "user.reset_password", userId);
  const password = generateOneTimePassword(user.username);
  const passwordHash = await hashPassword(password);
  await getDb().$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: {
        passwordHash,
        mustChangePassword: true,
        passwordChangedAt: new Date(),
        failedSignIns: 0,
        lockedUntil: null,
      },
    });
    await endAllSessions(tx, userId);
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "user.reset_password",
      subject: `user:${userId}`,
      data: {},
      ...context,
    });
  });
  return { pending: false, oneTimePassword: password };
}

/** Either done (with the password to hand over, for a password reset) or waiting for a second administrator. */
export type ResetOutcome = { pending: false; oneTimePassword: string | null } | { pending: true; requestId: string };

export async function unlockUser(actor: Principal, userId: string, context: Context = {}) {
  const { user, role } = await assertCanManageUser(actor, "user.unlock", userId);
  await getDb().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { failedSignIns: 0, lockedUntil: null } });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "user.unlock",
      subject: `user:${userId}`,
      data: { before: { lockedUntil: user.lockedUntil?.toISOString() ?? null } },
      ...context,
    });
  });
}

/** Like resetPassword: direct for ordinary accounts, a two-person request for an administrator's. */
export async function resetTotp(actor: Principal, userId: string, context: Context = {}): Promise<ResetOutcome> {
  if (await isPlatformAdministrator(userId))
    return { pending: true, ...(await requestCredentialReset(actor, { userId, kind: "TOTP" }, context)) };
  const { user, role } = await assertCanManageUser(actor, "user.reset_totp", userId);
  await getDb().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null } });
    await endAllSessions(tx, userId);
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "user.reset_totp",
      subject: `user:${userId}`,
      data: { before: { hadTotp: Boolean(user.totpEnabledAt) } },
      ...context,
    });
  });
  return { pending: false, oneTimePassword: null };
}
