import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { getDb } from "@/lib/db/client";
import { assertHoldsRoleFor, type Principal } from "@/lib/auth/permissions";
import { unauthenticated } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { visibleOrgIds } from "@/lib/library/browse";
import { markText, snippet, type Marked } from "@/lib/search/highlight";

// Search for the editors' library browser (GET /api/search?scope=library): every resource the
// actor may see, drafts included, by its latest revision's title and text. Only units the actor
// holds resource.view for are read; the public index is not used (it holds published items only).

export const ZLibrarySearch = z.object({
  q: zText().trim().min(1, "请输入搜索词").max(100, "搜索词不能超过 100 个字"),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export type LibraryHit = { id: string; kind: string; state: string; title: Marked; snippet: Marked; updatedAt: Date };

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export async function searchLibrary(actor: Principal | null, input: unknown): Promise<LibraryHit[]> {
  if (!actor) throw unauthenticated();
  assertHoldsRoleFor(actor, "resource.view");
  const { q, limit } = parseInput(ZLibrarySearch, input);
  const orgIds = await visibleOrgIds(actor);
  if (orgIds.length === 0) return [];
  const pattern = `%${escapeLike(q)}%`;
  const rows = await getDb().$queryRaw<
    { id: string; kind: string; state: string; title: string; text: string; updatedAt: Date }[]
  >`
    select r.id, r.kind::text as kind, r.state::text as state, rev.title,
           regexp_replace(rev."bodyHtml", '<[^>]+>', ' ', 'g') as text, r."updatedAt"
    from "Resource" r
    join "Revision" rev on rev."resourceId" = r.id and rev.number = r.version
    where r."ownerOrgId" = any(${orgIds}::uuid[]) and r."trashedAt" is null
      and (rev.title ilike ${pattern} or rev."bodyHtml" ilike ${pattern})
    order by (rev.title ilike ${pattern}) desc, r."updatedAt" desc
    limit ${limit}`;
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    state: row.state,
    title: markText(row.title, [q]),
    snippet: markText(snippet(row.text, [q]), [q]),
    updatedAt: row.updatedAt,
  }));
}
