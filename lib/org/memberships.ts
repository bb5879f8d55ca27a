import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { Role, ResponsibilityKind } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { conflict, forbidden, invalid, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import type { RequestContext } from "@/lib/auth/authenticate";
import { CHECK_KEYS } from "@/lib/org/users";
import { endResponsibilityOfRevokedRole } from "@/lib/org/responsibilities";
import { grantRole } from "@/lib/org/role-grants";

// Roles are held per unit (a person may hold several, in several units). Granting and revoking
// them is the security administrator's duty (三员分立), never for their own account, and so is
// naming a unit's responsible persons, whose history is kept. The rules of a grant live in
// lib/org/role-grants.ts, shared with account creation.

type Context = Partial<RequestContext>;

export const ZAddMembership = z.object({
  userId: z.uuid(),
  orgId: z.uuid("请选择单位"),
  role: z.enum(Role, { message: "请选择角色" }),
  checks: z.array(z.enum(CHECK_KEYS)).default([]),
});

export async function addMembership(actor: Principal, input: unknown, context: Context = {}) {
  const { userId, orgId, role, checks } = parseInput(ZAddMembership, input, "请检查填写的内容。");
  const db = getDb();
  const [user, org] = await Promise.all([
    db.user.findUnique({ where: { id: userId } }),
    db.organization.findUnique({ where: { id: orgId } }),
  ]);
  if (!user || !org) throw notFound();
  await db.$transaction((tx) => grantRole(tx, actor, { userId, org, role, checks }, context));
}

export async function removeMembership(actor: Principal, membershipId: string, context: Context = {}) {
  const db = getDb();
  const membership = await db.membership.findUnique({ where: { id: membershipId }, include: { org: true } });
  const can = await createPermissionChecker(actor);
  if (!membership || !can("user.view", { orgId: membership.orgId })) throw notFound();
  const role = await assertCan(actor, "membership.manage", { orgId: membership.orgId });
  // Nobody changes their own roles: not even giving one up, which would let a security
  // administrator step aside from a duty without a second person knowing.
  if (membership.userId === actor.id) throw forbidden("不能授予或撤销自己的角色，须由另一名安全管理员办理。");
  await db.$transaction(async (tx) => {
    await tx.membership.delete({ where: { id: membershipId } });
    await endResponsibilityOfRevokedRole(
      tx,
      {
        userId: membership.userId,
        orgId: membership.orgId,
        role: membership.role,
        actorId: actor.id,
        actorRole: role,
        reason: "撤销角色",
      },
      context,
    );
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "membership.revoke",
      subject: `user:${membership.userId}`,
      data: { before: { org: membership.org.name, role: membership.role, checks: membership.checks } },
      ...context,
    });
  });
}

const RESPONSIBILITY_ROLE: Record<ResponsibilityKind, Role> = {
  FIRST: "FIRST_RESPONSIBLE",
  DIRECT: "DIRECT_RESPONSIBLE",
};

export const ZAssignResponsibility = z.object({
  orgId: z.uuid(),
  kind: z.enum(ResponsibilityKind),
  userId: z.uuid("请选择责任人"),
});

/** Names the unit's current first or directly responsible person; the previous holder's term ends now. */
export async function assignResponsibility(actor: Principal, input: unknown, context: Context = {}) {
  const { orgId, kind, userId } = parseInput(ZAssignResponsibility, input, "请检查填写的内容。");
  const db = getDb();
  const org = await db.organization.findUnique({ where: { id: orgId } });
  if (!org) throw notFound();
  const role = await assertCan(actor, "responsibility.assign", { orgId });
  if (org.kind !== "HOST") throw invalid("责任人只为主办单位指定。");
  const holder = await db.membership.findFirst({
    where: { userId, orgId, role: RESPONSIBILITY_ROLE[kind], user: { active: true } },
    include: { user: true },
  });
  if (!holder)
    throw invalid(`所选人员须在本单位担任“${kind === "FIRST" ? "第一责任人" : "直接责任人"}”角色。`, {
      userId: ["人员角色不符"],
    });
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`responsibility:${orgId}:${kind}`}))`;
    const current = await tx.responsibility.findFirst({
      where: { orgId, kind, endedAt: null },
      include: { user: true },
    });
    if (current?.userId === userId) throw conflict("此人已是本单位的现任责任人。");
    const now = new Date();
    if (current) await tx.responsibility.update({ where: { id: current.id }, data: { endedAt: now } });
    await tx.responsibility.create({ data: { orgId, kind, userId, startedAt: now, assignedById: actor.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "responsibility.assign",
      subject: `org:${orgId}`,
      data: {
        kind,
        before: current ? { user: current.user.displayName } : null,
        after: { user: holder.user.displayName },
      },
      ...context,
    });
  });
}

export async function listResponsibilities(actor: Principal, orgId: string) {
  const can = await createPermissionChecker(actor);
  if (!can("org.view", { orgId })) throw notFound();
  const org = await getDb().organization.findUnique({ where: { id: orgId }, select: { name: true } });
  if (!org) throw notFound();
  const rows = await getDb().responsibility.findMany({
    where: { orgId },
    orderBy: [{ kind: "asc" }, { startedAt: "desc" }],
    include: { user: { select: { displayName: true, username: true } }, assignedBy: { select: { displayName: true } } },
  });
  const candidates = await getDb().membership.findMany({
    where: { orgId, role: { in: ["FIRST_RESPONSIBLE", "DIRECT_RESPONSIBLE"] }, user: { active: true } },
    include: { user: { select: { id: true, displayName: true } } },
  });
  return {
    org,
    history: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      user: row.user.displayName,
      username: row.user.username,
      startedAt: row.startedAt,
      endedAt: row.endedAt,
      assignedBy: row.assignedBy?.displayName ?? null,
    })),
    candidates: {
      FIRST: candidates.filter((c) => c.role === "FIRST_RESPONSIBLE").map((c) => c.user),
      DIRECT: candidates.filter((c) => c.role === "DIRECT_RESPONSIBLE").map((c) => c.user),
    },
    canAssign: can("responsibility.assign", { orgId }),
  };
}
