import { chinaDay } from "@/lib/calendar/working-days";

// Section 六 of the annual report counts the 信息处理费 of the year (国办函〔2020〕109号; the 30号
// format asks for it under 其他需要报告的事项): fee notices sent in the year and their amount, and
// the fees actually collected in the year, from the office's fee records. Pure.

export type FeeFact = { amountYuan: number; noticeAt: Date; paidAt: Date | null };

export type FeeFigures = {
  /** 发出收费通知的件数 and their amount (元), by the day the notice went out. */
  notices: number;
  noticedYuan: number;
  /** 实际收取 (元), by the day of payment. */
  paid: number;
  paidYuan: number;
};

const yearOf = (instant: Date) => Number(chinaDay(instant).slice(0, 4));

export function tallyFees(fees: readonly FeeFact[], year: number): FeeFigures {
  const figures: FeeFigures = { notices: 0, noticedYuan: 0, paid: 0, paidYuan: 0 };
  for (const fee of fees) {
    if (yearOf(fee.noticeAt) === year) {
      figures.notices += 1;
      figures.noticedYuan += fee.amountYuan;
    }
    if (fee.paidAt && yearOf(fee.paidAt) === year) {
      figures.paid += 1;
      figures.paidYuan += fee.amountYuan;
    }
  }
  return figures;
}
