import { createHash } from "node:crypto";
import path from "node:path";
import { getDb, type Tx } from "@/lib/db/client";
import type { DisclosureReceiptChannel } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { chinaDay } from "@/lib/calendar/working-days";
import { invalid } from "@/lib/errors";
import { getAssetStore } from "@/lib/library/asset-store";
import { checkUpload, extensionOf } from "@/lib/library/assets";
import { parseChinaDateTime } from "@/lib/time/china";
import { parseInput } from "@/lib/validation/parse";
import { checkCaptcha, markCaptchaUsed } from "@/lib/interaction/captcha";
import { admitLetterFrom } from "@/lib/interaction/intake-limit";
import { hashLetterPassword } from "@/lib/interaction/letter-password";
import { newLetterPassword, newQueryCode } from "@/lib/interaction/query-code";
import { computeClock, receiptDate } from "@/lib/disclosure/clock";
import { loadWorkCalendar, type Context } from "@/lib/disclosure/guard";
import { ZApplication, ZOnlineApplication, ZStaffEntry } from "@/lib/disclosure/schemas";

// A 政府信息公开申请 comes in online on a site's 依申请公开 page (no account: honeypot, proof of
// work and a per-address limit, as letters) or is entered by the unit's disclosure office from a
// letter, a fax or a visit, with the receipt date 条例第三十一条 defines. The identity document
// is checked by its bytes and kept in the asset store, never served to the public. The applicant
// leaves with a tracking code and a password; the answer clock starts from the receipt date.
// A request for the same information by the same applicant, already answered, is marked as a
// duplicate (第三十六条第六项) for the office to decide.

export type IdentityFile = { fileName: string; bytes: Uint8Array };

const NOT_ACCEPTED = "提交未成功，请刷新页面后重新填写。";
const FILE_TYPES: Record<string, string[]> = {
  jpg: ["image/jpeg"],
  jpeg: ["image/jpeg"],
  png: ["image/png"],
  pdf: ["application/pdf"],
};
const MAX_FILE_MB = 10;
const TRANSACTION = { maxWait: 15_000, timeout: 20_000 };

async function storeIdentity(files: IdentityFile[]) {
  if (files.length > 2) throw invalid("身份证明最多上传 2 个文件。", { identity: ["最多 2 个文件"] });
  const stored = [];
  for (const file of files) {
    const fileName = path.basename(file.fileName).slice(0, 200);
    const result = await checkUpload(fileName, file.bytes, MAX_FILE_MB * 1024 * 1024, FILE_TYPES);
    if ("error" in result) throw invalid(`身份证明“${fileName}”：${result.error}`, { identity: [result.error] });
    const sha256 = createHash("sha256").update(file.bytes).digest("hex");
    const storageKey = `disclosure/${sha256}.${extensionOf(fileName)}`;
    await getAssetStore().put(storageKey, file.bytes, result.mimeType);
    stored.push({
      purpose: "IDENTITY",
      fileName,
      mimeType: result.mimeType,
      size: file.bytes.byteLength,
      sha256,
      storageKey,
    });
  }
  return stored;
}

const normalize = (text: string | null | undefined) => (text ?? "").replace(/[\s\u3000，。、,.《》“”"]/g, "");

/** An answered request of the same applicant to the same unit for the same information. */
async function findDuplicate(
  tx: Tx,
  unitId: string,
  form: { idNumber: string; infoTitle: string; infoNumber?: string | undefined },
) {
  const earlier = await tx.disclosureRequest.findMany({
    where: { unitId, idNumber: form.idNumber, state: { in: ["DELIVERED", "ARCHIVED"] } },
    select: { id: true, trackingCode: true, infoTitle: true, infoNumber: true },
    orderBy: { receivedAt: "desc" },
  });
  return (
    earlier.find(
      (request) =>
        normalize(request.infoTitle) === normalize(form.infoTitle) ||
        (form.infoNumber && normalize(request.infoNumber) === normalize(form.infoNumber)),
    ) ?? null
  );
}

type Creation = {
  tx: Tx;
  unitId: string;
  siteId: string | null;
  form: ReturnType<typeof ZApplication.parse>;
  channel: DisclosureReceiptChannel;
  arrivedAt: Date;
  receivedAt: Date;
  enteredById: string | null;
  attachments: Awaited<ReturnType<typeof storeIdentity>>;
  passwordHash: string;
  actor: { id: string; role: string } | null;
  context: Context;
};

async function createRequest(creation: Creation) {
  const { tx, form } = creation;
  const calendar = await loadWorkCalendar(tx);
  const { dueAt, derivation } = computeClock(calendar, {
    receivedOn: chinaDay(creation.receivedAt),
    pauses: [],
    extendedDays: 0,
  });
  const duplicate = await findDuplicate(tx, creation.unitId, form);
  const request = await tx.disclosureRequest.create({
    data: {
      siteId: creation.siteId,
      unitId: creation.unitId,
      trackingCode: newQueryCode(creation.arrivedAt),
      passwordHash: creation.passwordHash,
      applicantType: form.applicantType,
      applicantName: form.applicantName,
      idDocumentKind: form.idDocumentKind,
      idNumber: form.idNumber,
      legalRepresentative: form.legalRepresentative ?? null,
      contactName: form.contactName ?? null,
      phone: form.phone,
      email: form.email ?? null,
      address: form.address ?? null,
      postcode: form.postcode ?? null,
      infoTitle: form.infoTitle,
      infoNumber: form.infoNumber ?? null,
      infoDescription: form.infoDescription,
      mediumWanted: form.mediumWanted,
      deliveryWanted: form.deliveryWanted,
      receiptChannel: creation.channel,
      arrivedAt: creation.arrivedAt,
      receivedAt: creation.receivedAt,
      enteredById: creation.enteredById,
      clockStart: new Date(`${derivation.start}T00:00:00+08:00`),
      dueAt,
      clock: derivation,
      duplicateOfId: duplicate?.id ?? null,
      nextAlertAt: creation.receivedAt,
      attachments: { create: creation.attachments },
    },
  });
  await tx.disclosureEvent.create({
    data: {
      requestId: request.id,
      kind: "SUBMITTED",
      actorId: creation.actor?.id ?? null,
      at: creation.receivedAt,
      data: { channel: creation.channel, ...(duplicate ? { duplicateOf: duplicate.trackingCode } : {}) },
    },
  });
  await recordAudit(tx, {
    actorId: creation.actor?.id ?? null,
    role: creation.actor?.role ?? null,
    action: "disclosure.submitted",
    subject: `disclosure:${request.id}`,
    // Name and ID number of the applicant stay in the request, not in the audit log.
    data: { trackingCode: request.trackingCode, channel: creation.channel, attachments: creation.attachments.length },
    ...creation.context,
  });
  return { request, duplicateOf: duplicate?.trackingCode ?? null };
}

async function assertAcceptingUnit(tx: Tx, unitId: string, siteId: string | null) {
  const unit = await tx.organization.findUnique({
    where: { id: unitId },
    select: { id: true, active: true, kind: true },
  });
  if (!unit || !unit.active || unit.kind === "SECTION")
    throw invalid("请选择受理机关。", { unitId: ["请选择受理机关"] });
  if (siteId) {
    const offered = await listAcceptingUnits(siteId, tx);
    if (!offered.some((candidate) => candidate.id === unitId))
      throw invalid("请选择受理机关。", { unitId: ["请选择受理机关"] });
  }
}

/** The agencies a site takes requests for: its own unit and the host units below it. */
export async function listAcceptingUnits(siteId: string, db: Tx | ReturnType<typeof getDb> = getDb()) {
  const site = await db.site.findUnique({ where: { id: siteId }, select: { orgId: true } });
  if (!site) return [];
  const units = await db.organization.findMany({
    where: { active: true, kind: { not: "SECTION" }, OR: [{ id: site.orgId }, { parentId: site.orgId }] },
    select: { id: true, name: true, parentId: true },
    orderBy: [{ position: "asc" }, { name: "asc" }],
  });
  return units.sort((a, b) => Number(a.id !== site.orgId) - Number(b.id !== site.orgId));
}

/** An online request on `siteId`; returns what the applicant needs to follow it. */
export async function submitApplication(
  siteId: string,
  input: Record<string, unknown>,
  files: IdentityFile[],
  context: Context = {},
  now: Date = new Date(),
) {
  const form = parseInput(ZApplication, input);
  const online = parseInput(ZOnlineApplication, input);
  await admitLetterFrom(context.ip ?? null);
  if (online.website) throw invalid(NOT_ACCEPTED);
  if (files.length === 0) throw invalid("请上传身份证明。", { identity: ["请上传身份证明"] });
  const attachments = await storeIdentity(files);
  const password = newLetterPassword();
  const passwordHash = await hashLetterPassword(password);
  const captcha = await checkCaptcha(online.captcha);
  const { request, duplicateOf } = await getDb().$transaction(async (tx) => {
    await markCaptchaUsed(tx, captcha);
    await assertAcceptingUnit(tx, online.unitId, siteId);
    return createRequest({
      tx,
      unitId: online.unitId,
      siteId,
      form,
      channel: "ONLINE",
      arrivedAt: now,
      // Online: the receipt shown at once is the confirmation of both sides (第三十一条).
      receivedAt: receiptDate("ONLINE", now, null),
      enteredById: null,
      attachments,
      passwordHash,
      actor: null,
      context,
    });
  }, TRANSACTION);
  return {
    trackingCode: request.trackingCode,
    password,
    receivedAt: request.receivedAt,
    dueAt: request.dueAt,
    duplicateOf,
  };
}

/** A letter, fax or visit entered by the unit's disclosure office. */
export async function enterApplication(
  actor: Principal | null,
  input: Record<string, unknown>,
  files: IdentityFile[] = [],
  context: Context = {},
  now: Date = new Date(),
) {
  const entry = parseInput(ZStaffEntry, input);
  const role = await assertCan(actor, "disclosure.handle", { orgId: entry.unitId });
  const form = parseInput(ZApplication, input);
  const arrivedAt = parseChinaDateTime(entry.arrivedAt);
  const confirmedAt = entry.confirmedAt ? parseChinaDateTime(entry.confirmedAt) : null;
  if (arrivedAt.getTime() > now.getTime()) throw invalid("收到时间不能晚于现在。", { arrivedAt: ["不能晚于现在"] });
  if (confirmedAt && confirmedAt.getTime() > now.getTime())
    throw invalid("确认时间不能晚于现在。", { confirmedAt: ["不能晚于现在"] });
  if (entry.receiptChannel === "FAX" && !confirmedAt) {
    const message = "传真申请以双方确认之日为收到日期，请填写确认时间。";
    throw invalid(message, { confirmedAt: [message] });
  }
  if (confirmedAt && confirmedAt.getTime() < arrivedAt.getTime())
    throw invalid("签收或确认时间不能早于收到时间。", { confirmedAt: ["不能早于收到时间"] });
  const receivedAt = receiptDate(entry.receiptChannel, arrivedAt, confirmedAt);
  const attachments = await storeIdentity(files);
  const password = newLetterPassword();
  const passwordHash = await hashLetterPassword(password);
  const { request, duplicateOf } = await getDb().$transaction(async (tx) => {
    await assertAcceptingUnit(tx, entry.unitId, null);
    return createRequest({
      tx,
      unitId: entry.unitId,
      siteId: null,
      form,
      channel: entry.receiptChannel,
      arrivedAt,
      receivedAt,
      enteredById: actor!.id,
      attachments,
      passwordHash,
      actor: { id: actor!.id, role },
      context,
    });
  }, TRANSACTION);
  return {
    id: request.id,
    trackingCode: request.trackingCode,
    password,
    receivedAt: request.receivedAt,
    dueAt: request.dueAt,
    duplicateOf,
  };
}
