import { describe, expect, it } from "vitest";
import { checkBalance, tallyRequests, type RequestFact } from "@/lib/disclosure/report-tally";
import type { Entries, Entry } from "@/lib/disclosure/report-format";
import { applyOverrides, overrideKey, parseOverrideKey, TABLE3_ROWS } from "@/lib/disclosure/report-overrides";
import { tallyFees } from "@/lib/disclosure/report-fees";
import { assembleFigures } from "@/lib/disclosure/report-data";
import { feeSummary, feeTable, reportBody, table3CellLabel, type ReportContent } from "@/lib/disclosure/report-body";
import { feeSheet } from "@/lib/disclosure/report-sheets";

// Table 三 corrected by the office (the computed figure kept beside each correction, totals summed
// again, the balance rule checked on what is printed) and section 六's 信息处理费 from fee records.

const at = (value: string) => new Date(`${value}+08:00`);
const request = (
  applicantType: RequestFact["applicantType"],
  received: string,
  concluded: string | null,
  answerType: RequestFact["answerType"],
): RequestFact => ({
  applicantType,
  receivedAt: at(`${received}T10:00:00`),
  concludedAt: concluded ? at(`${concluded}T10:00:00`) : null,
  answerType,
});
const entry = (value: number, reason = "纸质办理的申请未录入平台"): Entry => ({
  value,
  reason,
  byId: "u1",
  byName: "罗晓燕",
  at: "2027-01-10T02:00:00.000Z",
});

const requests = [
  request("NATURAL_PERSON", "2026-03-02", "2026-03-20", "PUBLIC"),
  request("NATURAL_PERSON", "2026-12-28", null, null),
  request("BUSINESS", "2026-05-06", "2026-05-29", "PARTIAL"),
];

describe("corrections of table 三", () => {
  it("have one key per counted row and applicant column, and nothing else parses as one", () => {
    expect(TABLE3_ROWS).toHaveLength(2 + 21 + 1);
    expect(overrideKey("PARTIAL", "BUSINESS")).toBe("t3.PARTIAL.BUSINESS");
    expect(parseOverrideKey("t3.carryForward.NATURAL_PERSON")).toEqual({
      row: "carryForward",
      column: "NATURAL_PERSON",
    });
    for (const bad of ["t3.PARTIAL.total", "t3.resultTotal.BUSINESS", "t2.license", "t3.PARTIAL.BUSINESS.x", "t3"])
      expect(parseOverrideKey(bad)).toBeNull();
  });

  it("replace the computed cell, keep the computed figure, and sum the totals again", () => {
    const computed = tallyRequests(requests, 2026);
    const entries: Entries = {
      [overrideKey("new", "NATURAL_PERSON")]: entry(3),
      [overrideKey("PUBLIC", "NATURAL_PERSON")]: entry(2),
    };
    const { table, overrides } = applyOverrides(computed, entries);
    expect(table.new).toMatchObject({ NATURAL_PERSON: 3, BUSINESS: 1, total: 4 });
    expect(table.results.PUBLIC).toMatchObject({ NATURAL_PERSON: 2, total: 2 });
    expect(table.resultTotal).toMatchObject({ NATURAL_PERSON: 2, BUSINESS: 1, total: 3 });
    expect(overrides).toEqual([
      expect.objectContaining({ key: "t3.new.NATURAL_PERSON", computed: 2, value: 3, byName: "罗晓燕" }),
      expect.objectContaining({ key: "t3.PUBLIC.NATURAL_PERSON", computed: 1, value: 2 }),
    ]);
    // The computed table is left as it was.
    expect(computed.new.NATURAL_PERSON).toBe(2);
    expect(checkBalance(table)).toEqual([]);
  });

  it("are checked against 第一项+第二项=第三项+第四项 like the computed figures", () => {
    const { table } = applyOverrides(tallyRequests(requests, 2026), {
      [overrideKey("carried", "BUSINESS")]: entry(2),
    });
    expect(checkBalance(table)).toEqual([
      { column: "BUSINESS", left: 3, right: 1 },
      { column: "total", left: 5, right: 3 },
    ]);
    const figures = assembleFigures([], requests, { [overrideKey("carried", "BUSINESS")]: entry(2) }, 2026);
    expect(figures.imbalances).toHaveLength(2);
    expect(figures.overrides).toHaveLength(1);
  });

  it("name their cell in words", () => {
    expect(table3CellLabel("PARTIAL", "BUSINESS")).toBe(
      "表三 （二）部分公开（区分处理的，只计这一情形，不计其他情形） · 商业企业",
    );
    expect(table3CellLabel("new", "NATURAL_PERSON")).toBe("表三 一、本年新收政府信息公开申请数量 · 自然人");
  });
});

describe("信息处理费 in section 六", () => {
  const fees = [
    { amountYuan: 1700, noticeAt: at("2026-03-05T09:00:00"), paidAt: at("2026-03-10T15:00:00") },
    { amountYuan: 100, noticeAt: at("2026-06-05T09:00:00"), paidAt: null },
    // Sent in 2025, paid in 2026: a notice of 2025, a payment of 2026.
    { amountYuan: 200, noticeAt: at("2025-12-22T09:00:00"), paidAt: at("2026-01-03T10:00:00") },
    // Sent on the last evening of 2026 China time.
    { amountYuan: 300, noticeAt: at("2026-12-31T23:30:00"), paidAt: at("2027-01-04T10:00:00") },
  ];

  it("counts notices by the day they went out and payments by the day they came, in China time", () => {
    expect(tallyFees(fees, 2026)).toEqual({ notices: 3, noticedYuan: 2100, paid: 2, paidYuan: 1900 });
    expect(tallyFees(fees, 2025)).toEqual({ notices: 1, noticedYuan: 200, paid: 0, paidYuan: 0 });
    expect(tallyFees([], 2026)).toEqual({ notices: 0, noticedYuan: 0, paid: 0, paidYuan: 0 });
  });

  it("prints the figures in the body, a table and a sheet", () => {
    const content: ReportContent = {
      unitName: "重庆市沙坪坝区人民政府",
      year: 2026,
      overview: "总体情况。",
      problems: "存在的问题。",
      otherMatters: "无其他需要报告的事项。",
      entries: {},
      figures: assembleFigures([], requests, {}, 2026, fees),
    };
    expect(feeSummary(content)).toBe(
      "本年度按照《政府信息公开信息处理费管理办法》发出收费通知 3 件，金额 2100 元；实际收取信息处理费 2 件，金额 1900 元。",
    );
    expect(feeTable(content).rows).toEqual([
      ["发出收费通知", "3", "2100"],
      ["实际收取", "2", "1900"],
    ]);
    expect(JSON.stringify(reportBody(content))).toContain("发出收费通知 3 件");
    expect(feeSheet(content).data.every((row) => row.length === 3)).toBe(true);
    const none = { ...content, figures: assembleFigures([], requests, {}, 2026) };
    expect(feeSummary(none)).toBe("本年度未发出信息处理费收费通知，未收取信息处理费。");
  });
});
