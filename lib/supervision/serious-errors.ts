import { z } from "zod";
import type { Db, Tx } from "@/lib/db/client";

// 严重表述错误 (国办秘函〔2019〕19号, 单项否决 1.1): a list of wrong names, titles and formulations the daily
// content scan looks for in everything published, kept by the supervising unit as platform state.
// The starter list holds errors bulletins cite again and again (the Party congress is a 次, its Central
// Committee a 届); each supervising unit adds its own leaders' names and titles.

export const SERIOUS_ERRORS_STATE_KEY = "supervision-serious-errors";

export const ZSeriousErrors = z.object({
  entries: z.array(z.object({ wrong: z.string().min(2), right: z.string().min(1), note: z.string().optional() })),
});
export type SeriousErrors = z.output<typeof ZSeriousErrors>;

export const DEFAULT_SERIOUS_ERRORS: SeriousErrors = {
  entries: [
    { wrong: "第二十届全国代表大会", right: "第二十次全国代表大会", note: "党的全国代表大会称“次”" },
    { wrong: "党的二十届全国代表大会", right: "党的第二十次全国代表大会" },
    { wrong: "第二十次中央委员会", right: "第二十届中央委员会", note: "中央委员会称“届”" },
    { wrong: "中华人民共和国国务院办公室", right: "中华人民共和国国务院办公厅" },
    { wrong: "全国人民代表大会常务委员", right: "全国人民代表大会常务委员会" },
  ],
};

export async function loadSeriousErrors(db: Db | Tx): Promise<SeriousErrors> {
  const row = await db.platformState.findUnique({ where: { key: SERIOUS_ERRORS_STATE_KEY } });
  const parsed = ZSeriousErrors.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_SERIOUS_ERRORS;
}

/** Every serious error in `text`, with its position. */
export function findSeriousErrors(text: string, list: SeriousErrors): { wrong: string; right: string; at: number }[] {
  const hits: { wrong: string; right: string; at: number }[] = [];
  for (const entry of list.entries) {
    let at = text.indexOf(entry.wrong);
    while (at >= 0) {
      // "全国人民代表大会常务委员" is wrong only when "会" does not follow: a longer right form containing it is fine.
      if (!text.startsWith(entry.right, at - entry.right.indexOf(entry.wrong)))
        hits.push({ wrong: entry.wrong, right: entry.right, at });
      at = text.indexOf(entry.wrong, at + entry.wrong.length);
    }
  }
  return hits;
}
