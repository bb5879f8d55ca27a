import { getDb } from "@/lib/db/client";
import type { LetterRating, LetterState } from "@/lib/db/generated/enums";
import { chinaDayStart, chinaParts } from "@/lib/time/china";

// 受理反馈情况 statistics of one site by month (国办发〔2017〕47号: publish 有关统计数据), counted by
// the month (China time) a letter was received:
//   收到: letters received, duplicates merged into another letter (重复件) not counted again;
//   办结: of those, the ones answered (a reply approved and sent);
//   办结率 = 办结 / 收到; 平均办理时间 = mean natural days from receipt to answer of the 办结 ones;
//   满意率 = (满意 + 基本满意) / letters rated.
// Messages forwarded by the national 我为政府网站找错 platform are the platform's, not the site's own
// letters: they are counted apart (lib/interaction/publish/national-statistics.ts).

export type StatLetter = {
  receivedAt: Date;
  answeredAt: Date | null;
  state: LetterState;
  rating: LetterRating | null;
};

export type MonthStatistics = {
  month: number;
  received: number;
  answered: number;
  /** Percentages with one decimal, null when there is nothing to divide. */
  answeredRate: number | null;
  averageDays: number | null;
  satisfactionRate: number | null;
};

const DAY_MS = 86_400_000;
const oneDecimal = (value: number) => Math.round(value * 10) / 10;

function summarize(month: number, letters: StatLetter[]): MonthStatistics {
  const answered = letters.filter((letter) => letter.answeredAt);
  const rated = letters.filter((letter) => letter.rating);
  const satisfied = rated.filter((letter) => letter.rating !== "DISSATISFIED");
  const days = answered.reduce((sum, letter) => sum + (letter.answeredAt!.getTime() - letter.receivedAt.getTime()), 0);
  return {
    month,
    received: letters.length,
    answered: answered.length,
    answeredRate: letters.length ? oneDecimal((answered.length / letters.length) * 100) : null,
    averageDays: answered.length ? oneDecimal(days / answered.length / DAY_MS) : null,
    satisfactionRate: rated.length ? oneDecimal((satisfied.length / rated.length) * 100) : null,
  };
}

/** Twelve months of `year` (China time) and the year's total (month 0). */
export function monthlyStatistics(letters: StatLetter[], year: number): MonthStatistics[] {
  const counted = letters.filter((letter) => letter.state !== "MERGED" && chinaParts(letter.receivedAt).year === year);
  const months = Array.from({ length: 12 }, (_, index) =>
    summarize(
      index + 1,
      counted.filter((letter) => chinaParts(letter.receivedAt).month === index + 1),
    ),
  );
  return [...months, summarize(0, counted)];
}

export async function getLetterStatistics(siteId: string, year: number): Promise<MonthStatistics[]> {
  const letters = await getDb().letter.findMany({
    where: {
      siteId,
      channel: { not: "NATIONAL" },
      receivedAt: { gte: chinaDayStart(`${year}-01-01`), lt: chinaDayStart(`${year + 1}-01-01`) },
    },
    select: { receivedAt: true, answeredAt: true, state: true, rating: true },
  });
  return monthlyStatistics(letters, year);
}
