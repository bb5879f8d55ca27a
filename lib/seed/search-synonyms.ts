import fs from "node:fs/promises";
import path from "node:path";
import type { Tx } from "@/lib/db/client";
import { parseSynonymText } from "@/lib/search/synonyms";

// The platform's starting 同义词 for government search (prisma/seed-data/search-synonyms.txt, in
// the format of the admin page: one group per line, terms joined by "="). Merged into what is
// there: a group sharing a term with an existing one adds its other terms to it, the rest are new.
// The system administrator keeps them under 搜索同义词 afterwards.

export const SEARCH_SYNONYMS_PATH = path.resolve("prisma/seed-data/search-synonyms.txt");

export async function loadSeedSynonyms(file = SEARCH_SYNONYMS_PATH): Promise<string[][]> {
  return parseSynonymText(await fs.readFile(file, "utf8"));
}

/** Merges the seed groups into the synonyms table; returns how many groups were added or widened. */
export async function seedSearchSynonyms(tx: Tx, groups: string[][]): Promise<number> {
  const existing = await tx.searchSynonym.findMany({ orderBy: { createdAt: "asc" } });
  let changed = 0;
  const base = Date.now();
  for (const [index, group] of groups.entries()) {
    const overlap = existing.find((row) => row.terms.some((term) => group.includes(term)));
    if (overlap) {
      const missing = group.filter((term) => !overlap.terms.includes(term));
      if (missing.length === 0) continue;
      overlap.terms = [...overlap.terms, ...missing];
      await tx.searchSynonym.update({ where: { id: overlap.id }, data: { terms: overlap.terms } });
    } else {
      // Creation times keep the file's order on the admin page.
      existing.push(await tx.searchSynonym.create({ data: { terms: group, createdAt: new Date(base + index) } }));
    }
    changed += 1;
  }
  return changed;
}
