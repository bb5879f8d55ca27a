import { getDb } from "@/lib/db/client";

// 答问主题: the configurable list entries are filed under (QaTheme; codes are permanent).

export async function listQaThemes(options: { activeOnly?: boolean } = {}) {
  return getDb().qaTheme.findMany({
    where: options.activeOnly ? { active: true } : {},
    orderBy: [{ position: "asc" }, { code: "asc" }],
    select: { code: true, name: true, active: true },
  });
}

/** Theme codes as names, in the list's order; unknown codes are dropped. */
export function themeNames(codes: readonly string[], themes: readonly { code: string; name: string }[]): string[] {
  return themes.filter((theme) => codes.includes(theme.code)).map((theme) => theme.name);
}
