import type { Tx } from "@/lib/db/client";
import { formatIndexNumber } from "@/lib/library/doc-number";
import { chinaYear } from "@/lib/time/china";

/**
 * The next 索引号 of a unit for the China-time year of `at`: one serial per unit and year, taken
 * under the row's lock, so concurrent saves (and the demo seed) never hand out the same number.
 */
export async function allocateUnitIndexNumber(tx: Tx, unit: { id: string; code: string }, at: Date): Promise<string> {
  const year = chinaYear(at);
  const [row] = await tx.$queryRaw<{ serial: number }[]>`
    insert into "IndexNumberSerial" ("orgId", "year", "next") values (${unit.id}::uuid, ${year}, 2)
    on conflict ("orgId", "year") do update set "next" = "IndexNumberSerial"."next" + 1
    returning "next" - 1 as serial`;
  return formatIndexNumber(unit.code, year, Number(row!.serial));
}
