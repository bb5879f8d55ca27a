import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { hashLetterPassword } from "@/lib/interaction/letter-password";
import { assertCan, assertHoldsRoleFor, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { loadCalendar } from "@/lib/calendar/load";
import { conflict, invalid, notFound } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { parseInput } from "@/lib/validation/parse";
import { dueAfterHours, dueAfterWorkingDays } from "@/lib/interaction/clock";
import { newLetterClock } from "@/lib/interaction/limits";
import { newLetterPassword, newQueryCode } from "@/lib/interaction/query-code";
import { ZRegisterNational } from "@/lib/interaction/national/schemas";

// 我为政府网站找错: 国务院办公厅's platform forwards a message through the provincial office to the
// site's 主办单位, whose handler registers it here with the platform's 留言编号 (once per site) and
// the time it was forwarded. Both clocks run from that time on the site's national message type
// (网站纠错, not on the public form; by default 1 working day to accept and 3 to reply — no national
// rule was found, so both are the type's configurable limits). It is then handled like any letter;
// the writer follows it on the national platform, so the message carries only what that platform
// gave of them and no usable password.

export const NATIONAL_TYPE_MISSING =
  "本网站尚未设置“我为政府网站找错”留言类型。请网站管理员在“网站管理 → 留言类型”中添加一个类别为“网站纠错”、不在写信页显示的类型。";

/** The site's type for national messages: a 网站纠错 type not offered on the public form. */
export async function findNationalType(siteId: string) {
  return getDb().interactionType.findFirst({
    where: { siteId, category: "CORRECTION", publicForm: false, active: true },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
}

const duplicateMessage = (externalRef: string, at: Date, queryCode: string) =>
  `平台留言编号 ${externalRef} 已于 ${formatDateTime(at)} 登记（查询码 ${queryCode}），不能重复登记。`;

export async function registerNationalMessage(
  actor: Principal | null,
  input: unknown,
  context: Partial<RequestContext> = {},
) {
  assertHoldsRoleFor(actor, "interaction.handle");
  const form = parseInput(ZRegisterNational, input);
  const db = getDb();
  const site = await db.site.findUnique({ where: { id: form.siteId }, select: { id: true } });
  if (!site) throw notFound();
  const type = await findNationalType(site.id);
  if (!type) throw invalid(NATIONAL_TYPE_MISSING);
  const role = await assertCan(actor, "interaction.handle", { orgId: type.unitId });
  // The writer follows the message on the national platform: this password is never shown.
  const passwordHash = await hashLetterPassword(newLetterPassword());
  const calendar = await loadCalendar(db);
  const accept = dueAfterWorkingDays(calendar, form.forwardedAt, type.acceptWorkingDays);
  const reply = type.replyHours
    ? dueAfterHours(form.forwardedAt, type.replyHours)
    : type.replyWorkingDays
      ? dueAfterWorkingDays(calendar, form.forwardedAt, type.replyWorkingDays)
      : null;
  const now = new Date();
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.letter.findUnique({
        where: { siteId_channel_externalRef: { siteId: site.id, channel: "NATIONAL", externalRef: form.externalRef } },
        select: { createdAt: true, queryCode: true },
      });
      if (existing) {
        const message = duplicateMessage(form.externalRef, existing.createdAt, existing.queryCode);
        throw invalid(message, { externalRef: ["该留言编号已登记"] });
      }
      const created = await tx.letter.create({
        data: {
          siteId: site.id,
          typeId: type.id,
          queryCode: newQueryCode(now),
          passwordHash,
          title: form.title,
          content: form.content,
          writerName: form.writerName ?? null,
          writerPhone: form.writerPhone ?? null,
          writerEmail: form.writerEmail ?? null,
          // The platform asks its writers nothing about publication on this site.
          consentToPublish: false,
          pageUrl: form.pageUrl,
          channel: "NATIONAL",
          externalRef: form.externalRef,
          receivedAt: form.forwardedAt,
          acceptDueAt: accept.dueAt,
          replyDueAt: reply?.dueAt ?? null,
          clock: newLetterClock(type, accept, reply),
          registeredById: actor!.id,
        },
      });
      await recordAudit(tx, {
        actorId: actor!.id,
        role,
        action: "interaction.national.register",
        subject: `letter:${created.id}`,
        data: {
          queryCode: created.queryCode,
          externalRef: form.externalRef,
          forwardedAt: form.forwardedAt.toISOString(),
          letterType: type.name,
          channel: "NATIONAL",
        },
        ...context,
      });
      return created;
    });
  } catch (error) {
    // Two registrations of one number at once: the unique key lets one through.
    if ((error as { code?: string }).code === "P2002")
      throw conflict(`平台留言编号 ${form.externalRef} 已登记，不能重复登记。`);
    throw error;
  }
}
