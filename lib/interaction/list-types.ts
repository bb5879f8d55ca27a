import { getDb } from "@/lib/db/client";
import { tagPage } from "@/lib/cache/render-scope";
import { interactionTypesTag } from "@/lib/interaction/types/cache-tag";

// The message types a site offers the public, as the entry page and the letter form show them (a
// type for national 找错 messages is not offered); the page is tagged so the type editor purges it.

export type PublicInteractionType = {
  code: string;
  name: string;
  category: string;
  description: string;
  unitName: string;
  acceptWorkingDays: number;
  replyWorkingDays: number | null;
  replyHours: number | null;
};

export async function listInteractionTypes(siteId: string): Promise<PublicInteractionType[]> {
  tagPage(interactionTypesTag(siteId));
  const rows = await getDb().interactionType.findMany({
    where: { siteId, active: true, publicForm: true },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    include: { unit: { select: { name: true } } },
  });
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    category: row.category,
    description: row.description,
    unitName: row.unit.name,
    acceptWorkingDays: row.acceptWorkingDays,
    replyWorkingDays: row.replyWorkingDays,
    replyHours: row.replyHours,
  }));
}
