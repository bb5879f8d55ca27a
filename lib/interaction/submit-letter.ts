import { createHash } from "node:crypto";
import path from "node:path";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/auth/authenticate";
import { loadCalendar } from "@/lib/calendar/load";
import { invalid } from "@/lib/errors";
import { getAssetStore } from "@/lib/library/asset-store";
import { checkUpload, extensionOf } from "@/lib/library/assets";
import { parseInput } from "@/lib/validation/parse";
import { checkCaptcha, markCaptchaUsed } from "@/lib/interaction/captcha";
import { dueAfterHours, dueAfterWorkingDays } from "@/lib/interaction/clock";
import { newLetterClock } from "@/lib/interaction/limits";
import { admitLetterFrom } from "@/lib/interaction/intake-limit";
import { hashLetterPassword } from "@/lib/interaction/letter-password";
import { ATTACHMENT_EXTENSIONS, MAX_ATTACHMENTS, MAX_ATTACHMENT_MB, ZLetterForm } from "@/lib/interaction/letter-form";
import { newLetterPassword, newQueryCode } from "@/lib/interaction/query-code";

// A letter from the public (政民互动 intake): a form on every site, no account. Abuse is held off
// without tracking — a honeypot field, altcha's proof of work (one letter per solved challenge),
// and a limit per client address. The writer leaves with a 查询码 and a password; the letter waits
// 待受理, due for acceptance within its type's working days (lib/interaction/clock.ts).

export type LetterFile = { fileName: string; bytes: Uint8Array };
type Context = Partial<RequestContext>;

/**
 * A writer has filled the form and solved the captcha: in a burst the letter waits for a pooled
 * connection (and the audit chain's lock) rather than failing after Prisma's default 2 s, as a
 * sign-in does (lib/auth/authenticate.ts).
 */
const LETTER_TRANSACTION = { maxWait: 15_000, timeout: 20_000 };

/** Why a submission failed without saying which trap caught it. */
const NOT_ACCEPTED = "提交未成功，请刷新页面后重新填写。";

async function storeAttachments(files: LetterFile[]) {
  if (files.length > MAX_ATTACHMENTS) {
    const message = `附件最多 ${MAX_ATTACHMENTS} 个。`;
    throw invalid(message, { attachments: [message] });
  }
  const checked = [];
  for (const file of files) {
    const fileName = path.basename(file.fileName).slice(0, 200);
    if (!ATTACHMENT_EXTENSIONS.includes(extensionOf(fileName))) {
      const message = `附件“${fileName}”不是图片或 PDF 文件。`;
      throw invalid(message, { attachments: [message] });
    }
    const result = await checkUpload(fileName, file.bytes, MAX_ATTACHMENT_MB * 1024 * 1024);
    if ("error" in result) throw invalid(`附件“${fileName}”：${result.error}`, { attachments: [result.error] });
    const sha256 = createHash("sha256").update(file.bytes).digest("hex");
    checked.push({ fileName, mimeType: result.mimeType, size: file.bytes.byteLength, sha256, bytes: file.bytes });
  }
  // Bytes first (content-addressed, so a retry rewrites the same key), rows in the letter's transaction.
  for (const file of checked)
    await getAssetStore().put(`letters/${file.sha256}.${extensionOf(file.fileName)}`, file.bytes, file.mimeType);
  return checked.map(({ bytes: _bytes, ...row }) => ({
    ...row,
    storageKey: `letters/${row.sha256}.${extensionOf(row.fileName)}`,
  }));
}

/** Takes a letter for `siteId`; returns what the writer needs to follow it. */
export async function submitLetter(
  siteId: string,
  input: unknown,
  files: LetterFile[] = [],
  context: Context = {},
  now: Date = new Date(),
) {
  const form = parseInput(ZLetterForm, input);
  await admitLetterFrom(context.ip ?? null);
  if (form.website) throw invalid(NOT_ACCEPTED);
  const db = getDb();
  const type = await db.interactionType.findFirst({
    where: { siteId, code: form.type, active: true, publicForm: true },
  });
  if (!type) throw invalid("请选择留言类型。", { type: ["请选择留言类型"] });
  if (type.category === "CORRECTION" && !form.pageUrl) {
    const message = "请填写出错页面的网址。";
    throw invalid(message, { pageUrl: [message] });
  }
  const attachments = await storeAttachments(files);
  const password = newLetterPassword();
  const passwordHash = await hashLetterPassword(password);
  const calendar = await loadCalendar(db);
  const accept = dueAfterWorkingDays(calendar, now, type.acceptWorkingDays);
  // 网站纠错 runs on clock hours from receipt; the other types' reply clock starts at acceptance.
  const reply = type.replyHours ? dueAfterHours(now, type.replyHours) : null;
  // The proof of work is checked before the transaction (CPU, no connection held); only its use is
  // recorded inside, so a replay still fails there.
  const captcha = await checkCaptcha(form.captcha);
  const letter = await db.$transaction(async (tx) => {
    await markCaptchaUsed(tx, captcha);
    const created = await tx.letter.create({
      data: {
        siteId,
        typeId: type.id,
        queryCode: newQueryCode(now),
        passwordHash,
        title: form.title,
        content: form.content,
        writerName: form.writerName,
        writerPhone: form.writerPhone,
        writerIdNumber: form.writerIdNumber ?? null,
        writerEmail: form.writerEmail ?? null,
        consentToPublish: form.consentToPublish,
        pageUrl: type.category === "CORRECTION" ? (form.pageUrl ?? null) : null,
        channel: "WEB",
        receivedAt: now,
        acceptDueAt: accept.dueAt,
        replyDueAt: reply?.dueAt ?? null,
        clock: newLetterClock(type, accept, reply),
        attachments: { create: attachments },
      },
    });
    await recordAudit(tx, {
      actorId: null,
      action: "interaction.letter.submit",
      subject: `letter:${created.id}`,
      // Name, phone and ID number stay in the letter, not in the audit log.
      data: { queryCode: created.queryCode, letterType: type.name, channel: "WEB", attachments: attachments.length },
      ...context,
    });
    return created;
  }, LETTER_TRANSACTION);
  return {
    queryCode: letter.queryCode,
    password,
    typeName: type.name,
    receivedAt: letter.receivedAt,
    acceptDueAt: letter.acceptDueAt,
    replyDueAt: letter.replyDueAt,
  };
}
