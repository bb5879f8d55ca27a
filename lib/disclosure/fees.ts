import type { DisclosureFeeBasis } from "@/lib/db/generated/enums";

// 信息处理费 (《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号): charged only when an applicant's
// requests clearly exceed reasonable bounds, 超额累进, on one basis per request. Pure.
// 按件: the same applicant's requests to one agency in a natural month — 1–10 free, 11–30 100 元/件,
// from the 31st 100 元 more per block of 10 (31–40 200 元, 41–50 300 元 …).
// 按量: pages of one request — 1–30 free, 31–100 10 元/页, 101–200 20 元/页, from 201 40 元/页.

export type FeeQuote = { basis: DisclosureFeeBasis; quantity: number; amountYuan: number; calculation: string };

export function perRequestFee(nthThisMonth: number): FeeQuote {
  if (!Number.isInteger(nthThisMonth) || nthThisMonth < 1) throw new RangeError("the count starts at 1");
  const amountYuan =
    nthThisMonth <= 10 ? 0 : nthThisMonth <= 30 ? 100 : 100 + 100 * Math.ceil((nthThisMonth - 30) / 10);
  return {
    basis: "PER_REQUEST",
    quantity: nthThisMonth,
    amountYuan,
    calculation:
      amountYuan === 0
        ? `本自然月第 ${nthThisMonth} 件申请，10 件以内不收费`
        : `本自然月第 ${nthThisMonth} 件申请，按件计收 ${amountYuan} 元（11—30 件每件 100 元，31 件起每 10 件一档每件增加 100 元）`,
  };
}

const PAGE_BANDS = [
  { from: 31, to: 100, rate: 10 },
  { from: 101, to: 200, rate: 20 },
  { from: 201, to: Number.POSITIVE_INFINITY, rate: 40 },
];

export function perPageFee(pages: number): FeeQuote {
  if (!Number.isInteger(pages) || pages < 1) throw new RangeError("pages must be a positive integer");
  const parts: string[] = [];
  let amountYuan = 0;
  for (const band of PAGE_BANDS) {
    const count = Math.min(pages, band.to) - band.from + 1;
    if (count <= 0) continue;
    amountYuan += count * band.rate;
    parts.push(`${count} 页 × ${band.rate} 元`);
  }
  return {
    basis: "PER_PAGE",
    quantity: pages,
    amountYuan,
    calculation:
      amountYuan === 0
        ? `共 ${pages} 页，30 页以内不收费`
        : `共 ${pages} 页，30 页以内不收费；${parts.join(" + ")} = ${amountYuan} 元`,
  };
}

export function quoteFee(basis: DisclosureFeeBasis, quantity: number): FeeQuote {
  return basis === "PER_REQUEST" ? perRequestFee(quantity) : perPageFee(quantity);
}
