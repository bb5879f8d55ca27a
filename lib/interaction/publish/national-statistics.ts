import { getDb } from "@/lib/db/client";
import type { LetterState } from "@/lib/db/generated/enums";
import { chinaDayStart, chinaParts } from "@/lib/time/china";

// 我为政府网站找错 messages of one site by month, apart from the site's own letters (the national
// platform and the annual 监管 assessment count them on their own: an unresolved one costs 3
// points, one resolved after more than a month 2, in the 监管工作年度考核指标 of 国办秘函〔2019〕19号 as
// read in a copy). By the month (China time) the message was forwarded:
//   收到: messages registered, duplicates merged into another not counted again;
//   办结: of those, the ones answered (the reply approved);
//   按期办结: answered by the reply due date (extensions included);
//   按期办结率 = 按期办结 / (办结 + 逾期未办结): of the messages whose time is up, the share answered in time;
//   逾期未办结: not answered and past the reply due date.

export type NationalLetter = {
  receivedAt: Date;
  answeredAt: Date | null;
  replyDueAt: Date | null;
  state: LetterState;
};

export type NationalMonth = {
  month: number;
  received: number;
  answered: number;
  onTime: number;
  overdueOpen: number;
  /** A percentage with one decimal, null when no message's time is up. */
  onTimeRate: number | null;
};

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

function summarize(month: number, letters: NationalLetter[], now: Date): NationalMonth {
  const answered = letters.filter((letter) => letter.answeredAt);
  const onTime = answered.filter((letter) => !letter.replyDueAt || letter.answeredAt! <= letter.replyDueAt);
  const overdueOpen = letters.filter(
    (letter) => !letter.answeredAt && letter.state !== "REJECTED" && letter.replyDueAt && letter.replyDueAt < now,
  );
  const due = answered.length + overdueOpen.length;
  return {
    month,
    received: letters.length,
    answered: answered.length,
    onTime: onTime.length,
    overdueOpen: overdueOpen.length,
    onTimeRate: due ? oneDecimal((onTime.length / due) * 100) : null,
  };
}

/** Twelve months of `year` (China time) and the year's total (month 0). */
export function nationalMonthlyStatistics(letters: NationalLetter[], year: number, now: Date): NationalMonth[] {
  const counted = letters.filter((letter) => letter.state !== "MERGED" && chinaParts(letter.receivedAt).year === year);
  const months = Array.from({ length: 12 }, (_, index) =>
    summarize(
      index + 1,
      counted.filter((letter) => chinaParts(letter.receivedAt).month === index + 1),
      now,
    ),
  );
  return [...months, summarize(0, counted, now)];
}

export async function getNationalStatistics(siteId: string, year: number, now = new Date()): Promise<NationalMonth[]> {
  const letters = await getDb().letter.findMany({
    where: {
      siteId,
      channel: "NATIONAL",
      receivedAt: { gte: chinaDayStart(`${year}-01-01`), lt: chinaDayStart(`${year + 1}-01-01`) },
    },
    select: { receivedAt: true, answeredAt: true, replyDueAt: true, state: true },
  });
  return nationalMonthlyStatistics(letters, year, now);
}
