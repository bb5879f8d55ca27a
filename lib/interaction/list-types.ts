import { getDb } from "@/lib/db/client";

// The message types a site accepts, as the public entry page and the letter form show them.

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
  const rows = await getDb().interactionType.findMany({
    where: { siteId, active: true },
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
