import { getDb, type Db, type Tx } from "@/lib/db/client";
import { DEFAULT_REGION } from "@/lib/registry/rules";
import { REGION_STATE_KEY } from "@/lib/registry/schemas";

/** The region whose name every account name must contain (PlatformState "registry.region"). */
export async function getRegion(db: Db | Tx = getDb()): Promise<string> {
  const row = await db.platformState.findUnique({ where: { key: REGION_STATE_KEY } });
  const value = row?.value as unknown;
  if (typeof value === "string" && value.trim()) return value.trim();
  const name = (value as { name?: unknown } | null | undefined)?.name;
  return typeof name === "string" && name.trim() ? name.trim() : DEFAULT_REGION;
}
