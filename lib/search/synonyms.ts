import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { invalid } from "@/lib/errors";
import { loadSynonyms, meiliEngine } from "@/lib/search/service";
import { forgetSynonyms } from "@/lib/search/search-portal";

// 同义词 for search, kept by the system administrator as text: one group per line, terms
// separated by "=" (社保=社会保险). Saved whole or not at all; Meilisearch gets the new settings.

const MAX_GROUPS = 500;
const MAX_TERM = 20;

/** Parses the text; throws a Chinese message naming the first bad line. */
export function parseSynonymText(text: string): string[][] {
  const groups: string[][] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    const terms = [...new Set(line.split(/[=＝]/).map((term) => term.trim()))];
    const where = `第 ${index + 1} 行`;
    if (terms.some((term) => term === "")) throw invalid(`${where}有空的词语，请用“=”连接两个以上的词语。`);
    if (terms.length < 2) throw invalid(`${where}只有一个词语，同义词组至少要有两个不同的词语。`);
    const long = terms.find((term) => Array.from(term).length > MAX_TERM);
    if (long) throw invalid(`${where}的“${long}”超过 ${MAX_TERM} 个字。`);
    groups.push(terms);
  }
  if (groups.length > MAX_GROUPS) throw invalid(`同义词组不能超过 ${MAX_GROUPS} 组。`);
  return groups;
}

export function synonymText(groups: string[][]): string {
  return groups.map((group) => group.join("=")).join("\n");
}

export async function getSynonymsForAdmin(actor: Principal | null): Promise<string> {
  await assertCan(actor, "search.manage", "platform");
  return synonymText(await loadSynonyms());
}

export async function saveSynonyms(
  actor: Principal | null,
  input: { text?: unknown },
  context: Partial<RequestContext> = {},
): Promise<{ groups: number; meilisearch: "applied" | "failed" | "none" }> {
  const role = await assertCan(actor, "search.manage", "platform");
  const groups = parseSynonymText(String(input.text ?? ""));
  await getDb().$transaction(async (tx) => {
    const before = await tx.searchSynonym.count();
    await tx.searchSynonym.deleteMany({});
    const now = Date.now();
    // Creation times keep the order the administrator wrote.
    await tx.searchSynonym.createMany({
      data: groups.map((terms, index) => ({ terms, createdAt: new Date(now + index) })),
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "search.synonyms.update",
      subject: "platform",
      data: { before, after: groups.length },
      ...context,
    });
  });
  forgetSynonyms();
  const meili = meiliEngine();
  if (!meili) return { groups: groups.length, meilisearch: "none" };
  try {
    await meili.applySettings(groups);
    return { groups: groups.length, meilisearch: "applied" };
  } catch {
    return { groups: groups.length, meilisearch: "failed" };
  }
}
