import { z } from "zod";
import { getDb, type Tx } from "@/lib/db/client";
import type { CredentialResetKind } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, can, type Principal } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import { conflict, forbidden, fromPrismaError, notFound } from "@/lib/errors";
import { notify } from "@/lib/org/notifications";
import { generateOneTimePassword } from "@/lib/org/one-time-password";
import { isPlatformAdminRole, PLATFORM_ADMIN_ROLES } from "@/lib/org/role-grants";
import type { RequestContext } from "@/lib/auth/authenticate";
import { messages } from "@/lib/i18n/zh-CN";

// Two-person rule (三员分立): the password or 2FA of a system, security or audit administrator is
// reset only when one of the three administrators asks and a different one approves. The
// request waits as a CredentialResetRequest; the holder is told at each step; each step is audited
// in the transaction that makes it. A password reset's one-time password is shown once, to the
// approver, at approval.

type Context = Partial<RequestContext>;

const KIND_LABEL: Record<CredentialResetKind, string> = messages.credentialResets.kinds;
const EFFECT_ACTION: Record<CredentialResetKind, string> = { PASSWORD: "user.reset_password", TOTP: "user.reset_totp" };
const RESETS_PAGE = "/admin/resets";

/** Whether the account holds one of the three administrator roles in any unit. */
export async function isPlatformAdministrator(userId: string): Promise<boolean> {
  const roles = await getDb().membership.findMany({ where: { userId }, select: { role: true } });
  return roles.some((membership) => isPlatformAdminRole(membership.role));
}

async function administratorIds(tx: Tx): Promise<string[]> {
  const rows = await tx.membership.findMany({
    where: { role: { in: [...PLATFORM_ADMIN_ROLES] }, org: { parentId: null }, user: { active: true } },
    select: { userId: true },
  });
  return rows.map((row) => row.userId);
}

/** Opens a pending reset of an administrator's credential; nothing about the account changes yet. */
export async function requestCredentialReset(
  actor: Principal,
  input: { userId: string; kind: CredentialResetKind },
  context: Context = {},
): Promise<{ requestId: string }> {
  const db = getDb();
  const target = await db.user.findUnique({
    where: { id: input.userId },
    select: { id: true, displayName: true, username: true },
  });
  if (!target) throw notFound();
  const role = await assertCan(actor, "credential_reset.request", "platform").catch(async (error: unknown) => {
    // Those who may not see the account learn nothing about it.
    throw (await can(actor, "user.view", "platform")) ? error : notFound();
  });
  if (target.id === actor.id)
    throw forbidden(`不能为自己申请重置${KIND_LABEL[input.kind]}；密码请在“账号安全”中自行修改。`);
  try {
    return await db.$transaction(async (tx) => {
      const request = await tx.credentialResetRequest.create({
        data: { kind: input.kind, targetId: target.id, requestedById: actor.id },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        role,
        action: "credential_reset.request",
        subject: `user:${target.id}`,
        data: { requestId: request.id, kind: input.kind },
        ...context,
      });
      await notify(
        tx,
        [target.id],
        `有管理员申请重置您的${KIND_LABEL[input.kind]}，须另一名管理员批准后生效。如非您本人知情，请立即联系安全管理员。`,
        "/admin/account",
      );
      const approvers = (await administratorIds(tx)).filter((id) => id !== actor.id && id !== target.id);
      await notify(
        tx,
        approvers,
        `待审批：重置 ${target.displayName}（${target.username}）的${KIND_LABEL[input.kind]}`,
        RESETS_PAGE,
      );
      return { requestId: request.id };
    });
  } catch (error) {
    fromPrismaError(error, { conflict: `该账号已有待审批的${KIND_LABEL[input.kind]}重置申请。` });
  }
}

export const ZCredentialResetDecision = z.object({ requestId: z.uuid() });
type Decision = z.output<typeof ZCredentialResetDecision>;

/** Loads a request the actor may decide, refusing the requester and the holder themselves. */
async function loadForDecision(actor: Principal, requestId: string, verb: "approve" | "refuse") {
  const role = await assertCan(actor, "credential_reset.decide", "platform");
  const request = await getDb().credentialResetRequest.findUnique({
    where: { id: requestId },
    include: { target: true },
  });
  if (!request) throw notFound();
  if (request.status !== "PENDING") throw conflict("该申请已处理，不能再次审批。");
  if (verb === "approve" && request.requestedById === actor.id)
    throw forbidden("不能批准自己提出的重置申请，须由另一名管理员批准。");
  if (request.targetId === actor.id) throw forbidden("不能审批重置自己账号的申请。");
  return { role, request };
}

/** Marks the request decided, once: a replayed or concurrent decision finds it no longer pending. */
async function decide(tx: Tx, actor: Principal, requestId: string, status: "APPROVED" | "REFUSED") {
  const { count } = await tx.credentialResetRequest.updateMany({
    where: { id: requestId, status: "PENDING" },
    data: { status, decidedById: actor.id, decidedAt: new Date() },
  });
  if (count !== 1) throw conflict("该申请已处理，不能再次审批。");
}

/**
 * Approves another administrator's request and applies the reset: a new one-time password (shown
 * only in this answer) or a cleared authenticator, and the holder's sessions end.
 */
export async function approveCredentialReset(
  actor: Principal,
  { requestId }: Decision,
  context: Context = {},
): Promise<{ kind: CredentialResetKind; username: string; oneTimePassword: string | null }> {
  const { role, request } = await loadForDecision(actor, requestId, "approve");
  const oneTimePassword = request.kind === "PASSWORD" ? generateOneTimePassword(request.target.username) : null;
  const passwordHash = oneTimePassword ? await hashPassword(oneTimePassword) : null;
  await getDb().$transaction(async (tx) => {
    await decide(tx, actor, requestId, "APPROVED");
    await tx.user.update({
      where: { id: request.targetId },
      data: passwordHash
        ? { passwordHash, mustChangePassword: true, passwordChangedAt: new Date(), failedSignIns: 0, lockedUntil: null }
        : { totpSecret: null, totpEnabledAt: null },
    });
    await tx.session.updateMany({ where: { userId: request.targetId, endedAt: null }, data: { endedAt: new Date() } });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: EFFECT_ACTION[request.kind],
      subject: `user:${request.targetId}`,
      data: { requestId, requestedById: request.requestedById, approvedById: actor.id },
      ...context,
    });
    await notify(
      tx,
      [request.targetId, request.requestedById],
      `${request.target.displayName}（${request.target.username}）的${KIND_LABEL[request.kind]}已按申请重置（两人审批）。`,
      null,
    );
  });
  return { kind: request.kind, username: request.target.username, oneTimePassword };
}

/** Refuses a pending request (the requester may withdraw their own this way); nothing is reset. */
export async function refuseCredentialReset(
  actor: Principal,
  { requestId }: Decision,
  context: Context = {},
): Promise<void> {
  const { role, request } = await loadForDecision(actor, requestId, "refuse");
  await getDb().$transaction(async (tx) => {
    await decide(tx, actor, requestId, "REFUSED");
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "credential_reset.refuse",
      subject: `user:${request.targetId}`,
      data: { requestId, kind: request.kind, requestedById: request.requestedById },
      ...context,
    });
    await notify(
      tx,
      [request.targetId, request.requestedById],
      `重置 ${request.target.displayName}（${request.target.username}）${KIND_LABEL[request.kind]}的申请未获批准。`,
      null,
    );
  });
}

/** Pending requests first, then the latest decided ones, with what the actor may do with each. */
export async function listCredentialResets(actor: Principal) {
  await assertCan(actor, "credential_reset.decide", "platform");
  const person = { select: { displayName: true, username: true } } as const;
  const rows = await getDb().credentialResetRequest.findMany({
    orderBy: [{ requestedAt: "desc" }],
    take: 100,
    include: { target: person, requestedBy: person, decidedBy: person },
  });
  const view = (row: (typeof rows)[number]) => ({
    id: row.id,
    kind: row.kind,
    kindLabel: KIND_LABEL[row.kind],
    status: row.status,
    target: row.target,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    canApprove: row.status === "PENDING" && row.requestedById !== actor.id && row.targetId !== actor.id,
    canRefuse: row.status === "PENDING" && row.targetId !== actor.id,
  });
  return {
    pending: rows.filter((row) => row.status === "PENDING").map(view),
    decided: rows
      .filter((row) => row.status !== "PENDING")
      .slice(0, 20)
      .map(view),
  };
}
