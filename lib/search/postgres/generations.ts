import type { Tx } from "@/lib/db/client";

// Generations of the index: queries read the live one; a rebuild writes the next one beside it and
// swaps it in, and every write reaches both meanwhile.

export const ENGINE = "postgres";

/** A generation of the index, and its common lexemes (bit i of a row's mask: common[i]). */
export type Generation = { generation: number; common: string[] };

/** The live generation, inside a query. */
export const LIVE = `coalesce((select live from "SearchIndexState" where engine = '${ENGINE}'), 1)`;

/**
 * The generations a write must reach: the live one, and the one being built (if any). Inside a
 * transaction the state row is share-locked, so a swap waits for writes in flight and they wait
 * for it.
 */
export async function writableGenerations(tx: Tx): Promise<Generation[]> {
  const [state] = await tx.$queryRaw<
    { live: number; building: number | null; common: string[] | null; buildingCommon: string[] | null }[]
  >`
    select live, building, common, "buildingCommon" from "SearchIndexState" where engine = ${ENGINE} for share`;
  if (!state) return [{ generation: 1, common: [] }];
  const live = { generation: state.live, common: state.common ?? [] };
  return state.building === null ? [live] : [live, { generation: state.building, common: state.buildingCommon ?? [] }];
}
