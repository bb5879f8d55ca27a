import { addWorkingDays, chineseDay, type WorkCalendar } from "@/lib/calendar/working-days";
import type { AccountStatus, ApplicationKind } from "@/lib/db/generated/client";

// The registry's rules as pure functions (政务新媒体备案; seeds 000 and 002), so that they can be
// tested without a database and shown to the user with the same wording everywhere.

/** The region whose name account names must contain, unless configured (PlatformState "registry.region"). */
export const DEFAULT_REGION = "重庆";

/** 来政办发〔2021〕30号 第九条: 公告时间不少于15个工作日. */
export const CANCELLATION_NOTICE_WORKING_DAYS = 15;

/** Accounts that hold their unit's place on a platform (渝府办发〔2019〕64号: 一个单位在同一平台只保留一个政务新媒体账号). */
export const OCCUPYING_STATUSES: readonly AccountStatus[] = ["ACTIVE", "SUSPENDED", "CANCELLING"];

/** Which account states each kind of application applies to. */
export const APPLICABLE_STATUSES: Record<Exclude<ApplicationKind, "OPEN">, readonly AccountStatus[]> = {
  CHANGE: ["ACTIVE", "SUSPENDED"],
  SUSPEND: ["ACTIVE"],
  CANCEL: ["ACTIVE", "SUSPENDED"],
};

/** 来政办发〔2021〕30号 第七条(二): 政务新媒体名称应体现行政区域名称. */
export function regionNameViolation(name: string, region: string): string | null {
  return name.includes(region)
    ? null
    : `账号名称须包含地区名称“${region}”（政务新媒体名称应体现行政区域名称），如“${region}沙坪坝发布”。`;
}

/** The first day a cancellation announced on `announcedOn` may take effect. */
export function earliestCancellationDay(calendar: WorkCalendar, announcedOn: string): string {
  return addWorkingDays(calendar, announcedOn, CANCELLATION_NOTICE_WORKING_DAYS);
}

export function cancellationViolation(calendar: WorkCalendar, announcedOn: string, effectiveOn: string): string | null {
  const earliest = earliestCancellationDay(calendar, announcedOn);
  if (effectiveOn >= earliest) return null;
  return `注销须在注销公告发布之日起至少 ${CANCELLATION_NOTICE_WORKING_DAYS} 个工作日后生效，按今日（${chineseDay(announcedOn)}）公告计，生效日期最早为 ${chineseDay(earliest)}。`;
}

/** A mainland mobile number, or a landline with its area code (and an optional extension). */
export function phoneViolation(phone: string): string | null {
  const compact = phone.replace(/\s/g, "");
  if (/^1[3-9]\d{9}$/.test(compact) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(compact)) return null;
  return "联系电话格式不正确，请填写 11 位手机号码或带区号的固定电话（如 023-65432100）。";
}
