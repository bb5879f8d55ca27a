import { getDb } from "@/lib/db/client";
import { submitApplication } from "@/lib/disclosure/submit-request";
import { solvedCaptcha } from "./interaction";

// 依申请公开 applications as an applicant files them: the form filled, the captcha solved for real
// (set INTERACTION_CAPTCHA_COST small in the test file), a 1×1 PNG as the identity document.

export const IDENTITY_PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  ),
);

export async function applicationForm(unitId: string, change: Record<string, string> = {}) {
  return {
    unitId,
    applicantType: "NATURAL_PERSON",
    applicantName: "王五",
    idDocumentKind: "居民身份证",
    idNumber: "11010519491231002X",
    phone: "13912345678",
    email: "wangwu@example.cn",
    address: "重庆市沙坪坝区天星桥街道 12 号",
    infoTitle: "2025年度沙坪坝区老旧小区改造项目资金安排",
    infoDescription: "申请公开2025年度沙坪坝区老旧小区改造项目的资金安排明细及项目清单。",
    mediumWanted: "电子数据",
    deliveryWanted: "网站查询下载",
    privacyAccepted: "yes",
    captcha: await solvedCaptcha(),
    ...change,
  };
}

let address = 0;

export async function apply(siteId: string, unitId: string, now: Date, change: Record<string, string> = {}) {
  return submitApplication(
    siteId,
    await applicationForm(unitId, change),
    [{ fileName: "身份证.png", bytes: IDENTITY_PNG }],
    { ip: `203.0.113.${++address % 250}` },
    now,
  );
}

export async function requestOf(trackingCode: string) {
  return getDb().disclosureRequest.findUniqueOrThrow({ where: { trackingCode } });
}
