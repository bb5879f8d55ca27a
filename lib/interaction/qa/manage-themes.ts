import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { zText } from "@/lib/validation/text";

// 答问主题 are kept by the system administrator with the 主题分类 (theme.manage): added, renamed,
// stopped or used again. Codes are permanent, entries store them; a stopped theme is no longer
// offered in the editor nor shown on the portal, its entries keep it.

const ZName = zText({ singleLine: true, message: "名称不能含有换行或控制字符" })
  .trim()
  .min(2, "名称至少 2 个字")
  .max(20, "名称不超过 20 字");

export const ZCreateQaTheme = z.object({
  code: zText()
    .trim()
    .regex(/^[a-z][a-z0-9-]{1,39}$/, "编码为 2–40 位小写字母、数字或连字符，以字母开头（用于网址）"),
  name: ZName,
});

export const ZUpdateQaTheme = z.object({
  code: zText().trim().min(1),
  name: ZName,
  active: z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean()),
});

export async function createQaTheme(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const role = await assertCan(actor, "theme.manage", "platform");
  const { code, name } = parseInput(ZCreateQaTheme, input, "请检查填写的内容。");
  return getDb().$transaction(async (tx) => {
    if (await tx.qaTheme.findUnique({ where: { code } })) throw conflict("该编码已被使用。");
    const position = (await tx.qaTheme.count()) + 1;
    const theme = await tx.qaTheme.create({ data: { code, name, position } });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.qa.theme.create",
      subject: `theme:${code}`,
      data: { after: { code, name } },
      ...context,
    });
    return theme;
  });
}

export async function updateQaTheme(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const role = await assertCan(actor, "theme.manage", "platform");
  const { code, name, active } = parseInput(ZUpdateQaTheme, input, "请检查填写的内容。");
  return getDb().$transaction(async (tx) => {
    const before = await tx.qaTheme.findUnique({ where: { code } });
    if (!before) throw notFound("该答问主题不存在。");
    const theme = await tx.qaTheme.update({ where: { code }, data: { name, active } });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.qa.theme.update",
      subject: `theme:${code}`,
      data: { before: { name: before.name, active: before.active }, after: { name, active } },
      ...context,
    });
    return theme;
  });
}
