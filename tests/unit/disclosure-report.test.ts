import { describe, expect, it } from "vitest";
import {
  assertBalanced,
  checkBalance,
  countPolicies,
  remedyTable,
  tallyRequests,
  type PolicyFact,
  type RequestFact,
} from "@/lib/disclosure/report-tally";
import { ENTRY_KEYS, isGovernment, reportDeadline, RESULT_ROWS, type Entries } from "@/lib/disclosure/report-format";
import { reminderDue } from "@/lib/disclosure/report-reminders";
import { entryLabel, reportBody, requestTable, type ReportContent } from "@/lib/disclosure/report-body";
import { reportSheets } from "@/lib/disclosure/report-sheets";
import { assembleFigures } from "@/lib/disclosure/report-data";
import { richTextToGongwenBlocks } from "@/lib/documents/gongwen-docx";
import { messages } from "@/lib/i18n/zh-CN";
import { ZPolicyFields } from "@/lib/library/metadata";

// The annual report's arithmetic (国办公开办函〔2021〕30号): which request lands in which row and
// column, the balance rule, the policy counts by date and validity, deadlines and reminders.

const at = (value: string) => new Date(`${value}+08:00`);
const request = (
  applicantType: RequestFact["applicantType"],
  received: string,
  concluded: string | null,
  answerType: RequestFact["answerType"],
): RequestFact => ({
  applicantType,
  receivedAt: at(received),
  concludedAt: concluded ? at(concluded) : null,
  answerType,
});

describe("table 三 from the requests", () => {
  const requests = [
    // carried over from 2025, answered in 2026
    request("NATURAL_PERSON", "2025-12-20T10:00:00", "2026-01-15T10:00:00", "PUBLIC"),
    // carried over from 2025 and still open at the end of 2026
    request("BUSINESS", "2025-12-28T10:00:00", null, null),
    // concluded in 2025: not part of 2026 at all
    request("NATURAL_PERSON", "2025-03-01T10:00:00", "2025-03-20T10:00:00", "PARTIAL"),
    // received and answered in 2026
    request("NATURAL_PERSON", "2026-02-01T10:00:00", "2026-02-20T10:00:00", "PARTIAL"),
    request("LEGAL_SERVICE", "2026-05-01T10:00:00", "2026-05-20T10:00:00", "WITHHELD_THIRD_PARTY"),
    request("RESEARCH", "2026-06-01T10:00:00", "2026-06-05T10:00:00", "OTHER_NO_CORRECTION"),
    // received at the very end of 2026 (China time), answered in 2027: carried forward
    request("PUBLIC_WELFARE", "2026-12-31T23:30:00", "2027-01-10T10:00:00", "PUBLIC"),
    // received in 2027: not part of 2026
    request("OTHER_ORG", "2027-01-02T10:00:00", null, null),
  ];
  const table = tallyRequests(requests, 2026);

  it("counts received, carried over, concluded by answer type and carried forward, per applicant column", () => {
    expect(table.new).toMatchObject({ NATURAL_PERSON: 1, LEGAL_SERVICE: 1, RESEARCH: 1, PUBLIC_WELFARE: 1, total: 4 });
    expect(table.carried).toMatchObject({ NATURAL_PERSON: 1, BUSINESS: 1, total: 2 });
    expect(table.results.PUBLIC).toMatchObject({ NATURAL_PERSON: 1, total: 1 });
    expect(table.results.PARTIAL).toMatchObject({ NATURAL_PERSON: 1, total: 1 });
    expect(table.results.WITHHELD_THIRD_PARTY).toMatchObject({ LEGAL_SERVICE: 1, total: 1 });
    expect(table.results.OTHER_NO_CORRECTION).toMatchObject({ RESEARCH: 1, total: 1 });
    expect(table.resultTotal.total).toBe(4);
    expect(table.carryForward).toMatchObject({ BUSINESS: 1, PUBLIC_WELFARE: 1, total: 2 });
    expect(checkBalance(table)).toEqual([]);
  });

  it("refuses a data set that breaks 第一项+第二项=第三项+第四项, naming the column and the difference", () => {
    const broken = tallyRequests(
      [...requests, request("BUSINESS", "2026-03-01T10:00:00", "2026-03-10T10:00:00", null)],
      2026,
    );
    expect(checkBalance(broken)).toEqual([
      { column: "BUSINESS", left: 2, right: 1 },
      { column: "total", left: 7, right: 6 },
    ]);
    expect(() => assertBalanced(broken)).toThrow(/商业企业列：第一项加第二项为 2，第三项加第四项为 1，相差 1 件/);
  });

  it("has one result row per answer type, in the format's order", () => {
    expect(RESULT_ROWS).toHaveLength(21);
    expect(RESULT_ROWS.slice(0, 3)).toEqual(["PUBLIC", "PARTIAL", "WITHHELD_STATE_SECRET"]);
    expect(RESULT_ROWS.at(-1)).toBe("OTHER");
  });
});

describe("table 二 from the policy documents", () => {
  const policy = (
    category: PolicyFact["category"],
    issuedOn: string,
    changes: PolicyFact["changes"] = [],
    validity: string | null = "VALID",
  ): PolicyFact => ({ category, issuedOn, changes, validity });
  const policies = [
    policy("normative", "2026-03-01"),
    policy("normative", "2026-07-01", [{ from: "VALID", to: "REVISED", at: at("2026-09-01T10:00:00") }], "REVISED"),
    // issued earlier, repealed in 2026
    policy("normative", "2023-05-01", [{ from: "VALID", to: "REPEALED", at: at("2026-04-01T10:00:00") }], "REPEALED"),
    // expired in 2027: still in force at the end of 2026
    policy("normative", "2022-01-01", [{ from: "VALID", to: "EXPIRED", at: at("2027-01-01T00:05:00") }], "EXPIRED"),
    // issued in 2027: not counted for 2026
    policy("normative", "2027-01-03"),
    policy("rule", "2024-06-01"),
  ];

  it("counts 制发 by 成文日期, 废止 by the year of repeal or expiry, 现行有效 by the validity at year end", () => {
    expect(countPolicies(policies, 2026)).toEqual({
      rule: { issued: 0, repealed: 0, current: 1 },
      normative: { issued: 2, repealed: 1, current: 3 },
    });
  });
});

describe("table 四 and the entered cells", () => {
  it("sums each group's entered outcomes into its 总计", () => {
    const entry = (value: number) => ({ value, reason: "据复议机关决定书", byId: "u", byName: "张敏", at: "" });
    const remedies = remedyTable({ "t4.review.upheld": entry(2), "t4.review.corrected": entry(1) });
    expect(remedies.review).toEqual({ upheld: 2, corrected: 1, other: null, pending: null, total: 3 });
    expect(remedies.direct.total).toBeNull();
  });

  it("names every entered cell", () => {
    expect(ENTRY_KEYS).toHaveLength(16);
    expect(entryLabel("t2.fees")).toBe("表二 行政事业性收费：本年收费金额（单位：万元）");
    expect(entryLabel("t4.afterReview.pending")).toBe("表四 行政诉讼（复议后起诉）：尚未审结");
  });
});

describe("deadlines and reminders (条例第四十九条)", () => {
  it("gives a department 31 January and a people's government 31 March", () => {
    expect(isGovernment("重庆市沙坪坝区人民政府")).toBe(true);
    expect(isGovernment("重庆市文化和旅游发展委员会")).toBe(false);
    expect(reportDeadline("重庆市文化和旅游发展委员会", 2026)).toBe("2027-01-31");
    expect(reportDeadline("重庆市沙坪坝区人民政府", 2026)).toBe("2027-03-31");
  });

  it("reminds from 1 January, again seven days before, and escalates after the deadline", () => {
    expect(reminderDue("2026-12-31", 2026, "2027-01-31")).toBeNull();
    expect(reminderDue("2027-01-01", 2026, "2027-01-31")).toBe("OPEN");
    expect(reminderDue("2027-01-24", 2026, "2027-01-31")).toBe("SOON");
    expect(reminderDue("2027-01-31", 2026, "2027-01-31")).toBe("SOON");
    expect(reminderDue("2027-02-01", 2026, "2027-01-31")).toBe("OVERDUE");
    expect(reminderDue("2027-02-01", 2026, "2027-03-31")).toBe("OPEN");
  });
});

describe("the report's body and sheets", () => {
  const entries: Entries = Object.fromEntries(
    ENTRY_KEYS.map((key) => [key, { value: 1, reason: "示例", byId: "u", byName: "张敏", at: "" }]),
  );
  const content: ReportContent = {
    unitName: "重庆市沙坪坝区人民政府",
    year: 2026,
    overview: "2026年，本单位认真贯彻落实条例。\n全年主动公开政府信息 1200 条。",
    problems: "政策解读形式不够丰富。",
    otherMatters: "本年度未收取信息处理费。",
    entries,
    figures: assembleFigures(
      [],
      [request("NATURAL_PERSON", "2026-02-01T10:00:00", "2026-02-20T10:00:00", "PARTIAL")],
      entries,
      2026,
    ),
  };

  it("embeds the tables in the body, which the .docx writer reads as tables", () => {
    const blocks = richTextToGongwenBlocks(reportBody(content));
    expect(blocks.filter((block) => block.type === "heading").map((block) => (block as { text: string }).text)).toEqual(
      Object.values(messages.disclosureReport.sections),
    );
    const tables = blocks.filter((block) => block.type === "table");
    // 表二 ×3, 表三, 表四, and section 六's 信息处理费 table.
    expect(tables).toHaveLength(6);
    const requests = requestTable(content);
    expect(requests.rows).toHaveLength(3 + 2 + 9 + 4 + 6 + 4 + 2);
    expect(requests.rows.find((row) => row[0]!.startsWith("（二）部分公开"))).toEqual([
      expect.any(String),
      "1",
      "0",
      "0",
      "0",
      "0",
      "0",
      "1",
    ]);
  });

  it("lays the sheets out as the format: table 三 ten columns wide, table 四 fifteen", () => {
    const [proactive, requests, remedies] = reportSheets(content);
    expect(requests!.data.every((row) => row.length === 10)).toBe(true);
    expect(requests!.data).toHaveLength(2 + 2 + 21 + 1 + 1);
    expect(remedies!.data.every((row) => row.length === 15)).toBe(true);
    expect(proactive!.data.every((row) => row.length === 4)).toBe(true);
  });
});

describe("文件类别 of a policy document", () => {
  const policy = { docNumber: null, issuer: "重庆市沙坪坝区人民政府", writtenOn: "2026-03-01", genre: "办法" };

  it("is optional, 规章 or 行政规范性文件, and refused otherwise in Chinese", () => {
    expect(ZPolicyFields.parse(policy).category).toBeUndefined();
    expect(ZPolicyFields.parse({ ...policy, category: "normative" }).category).toBe("normative");
    const refused = ZPolicyFields.safeParse({ ...policy, category: "law" });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues[0]!.message).toBe("文件类别应为规章或行政规范性文件");
  });
});
