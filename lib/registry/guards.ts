import type { Db, Tx } from "@/lib/db/client";
import type { ApplicationKind, NewMediaAccount, NewMediaPlatform } from "@/lib/db/generated/client";
import { conflict, invalid } from "@/lib/errors";
import type { WorkCalendar } from "@/lib/calendar/working-days";
import { messages } from "@/lib/i18n/zh-CN";
import {
  APPLICABLE_STATUSES,
  cancellationViolation,
  OCCUPYING_STATUSES,
  regionNameViolation,
} from "@/lib/registry/rules";
import type { AccountFields } from "@/lib/registry/schemas";

// The registry's rules as domain errors, checked on submission and again on the final approval.

const t = messages.newMedia;

/** 一个单位在同一平台只保留一个政务新媒体账号: accounts in use and OPEN applications under way count. */
export async function assertPlatformFree(
  db: Db | Tx,
  orgId: string,
  platform: NewMediaPlatform,
  ignoreApplicationId?: string,
) {
  const orgName =
    (await db.organization.findUnique({ where: { id: orgId }, select: { name: true } }))?.name ?? "本单位";
  const existing = await db.newMediaAccount.findFirst({
    where: { orgId, platform, status: { in: [...OCCUPYING_STATUSES] } },
  });
  if (existing) {
    throw conflict(
      `${orgName}在${t.platforms[platform]}平台已有账号“${existing.name}”（${t.accountStatus[existing.status]}）。一个单位在同一平台只能保留一个政务新媒体账号。`,
    );
  }
  const pending = await db.accountApplication.findFirst({
    where: {
      orgId,
      platform,
      kind: "OPEN",
      status: "PENDING",
      ...(ignoreApplicationId ? { id: { not: ignoreApplicationId } } : {}),
    },
  });
  if (pending) {
    const name = (pending.data as { name?: string }).name ?? "";
    throw conflict(
      `${orgName}在${t.platforms[platform]}平台开设账号“${name}”的申请正在审批中。一个单位在同一平台只能保留一个政务新媒体账号。`,
    );
  }
}

export function assertRegionName(name: string, region: string) {
  const message = regionNameViolation(name, region);
  if (message) throw invalid(message, { name: [message] });
}

export function assertApplicable(kind: Exclude<ApplicationKind, "OPEN">, account: NewMediaAccount) {
  if (!APPLICABLE_STATUSES[kind].includes(account.status)) {
    throw conflict(
      `账号“${account.name}”当前${t.accountStatus[account.status]}，不能申请${t.applicationKinds[kind]}。`,
    );
  }
}

export function assertCancellationDate(calendar: WorkCalendar, today: string, effectiveOn: string, atApproval = false) {
  const message = cancellationViolation(calendar, today, effectiveOn);
  if (!message) return;
  const full = atApproval ? `${message}请不予通过，由申请单位改定生效日期后重新申请。` : message;
  throw invalid(full, { effectiveOn: [full] });
}

export function accountFieldsOf(account: NewMediaAccount): AccountFields {
  return {
    name: account.name,
    handle: account.handle,
    manager: account.manager,
    phone: account.phone,
    description: account.description,
  };
}
