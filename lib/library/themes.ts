import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { conflict, invalid, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import type { RequestContext } from "@/lib/auth/authenticate";

// 主题分类: seeded with the State Council's subject categories; the system administrator adds and
// renames categories. Codes are permanent (resources store them), so categories are not deleted.

export const ZCreateTheme = z.object({
  code: zText()
    .trim()
    .regex(/^\d{2,8}$/, "编码为 2–8 位数字，下级编码以上级编码开头"),
  name: zText().trim().min(2, "名称至少 2 个字").max(40, "名称过长"),
  parentCode: z.preprocess((value) => (value === "" ? undefined : value), zText().optional()),
});
export const ZRenameTheme = z.object({
  code: zText(),
  name: zText().trim().min(2, "名称至少 2 个字").max(40, "名称过长"),
});

export async function listThemes() {
  return getDb().themeCategory.findMany({ orderBy: { code: "asc" } });
}

export async function createTheme(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const role = await assertCan(actor, "theme.manage", "platform");
  const { code, name, parentCode } = parseInput(ZCreateTheme, input, "请检查填写的内容。");
  const db = getDb();
  if (parentCode) {
    if (!(await db.themeCategory.findUnique({ where: { code: parentCode } }))) throw invalid("上级分类不存在。");
    if (!code.startsWith(parentCode) || code.length <= parentCode.length)
      throw invalid("下级编码须以上级编码开头。", { code: [`应以 ${parentCode} 开头`] });
  }
  return db.$transaction(async (tx) => {
    if (await tx.themeCategory.findUnique({ where: { code } })) throw conflict("该编码已被使用。");
    const position = await tx.themeCategory.count({ where: { parentCode: parentCode ?? null } });
    const theme = await tx.themeCategory.create({
      data: { code, name, parentCode: parentCode ?? null, position: position + 1 },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "theme.create",
      subject: `theme:${code}`,
      data: { after: { code, name, parentCode } },
      ...context,
    });
    return theme;
  });
}

export async function renameTheme(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const role = await assertCan(actor, "theme.manage", "platform");
  const rename = parseInput(ZRenameTheme, input, "请检查填写的内容。");
  const db = getDb();
  const theme = await db.themeCategory.findUnique({ where: { code: rename.code } });
  if (!theme) throw notFound();
  await db.$transaction(async (tx) => {
    await tx.themeCategory.update({ where: { code: theme.code }, data: { name: rename.name } });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "theme.rename",
      subject: `theme:${theme.code}`,
      data: { before: { name: theme.name }, after: { name: rename.name } },
      ...context,
    });
  });
}
