import { describe, expect, it } from "vitest";
import { DisclosureAnswerType } from "@/lib/db/generated/enums";
import { ANSWER_GROUPS, ANSWER_TYPE_ROWS, APPLICANT_COLUMNS, reportRowOf } from "@/lib/disclosure/answer-types";

describe("answer types and the annual report's table 三", () => {
  it("maps every answer type to exactly one row and every row to one type", () => {
    const types = Object.values(DisclosureAnswerType);
    expect(ANSWER_TYPE_ROWS.map((row) => row.type).sort()).toEqual([...types].sort());
    for (const type of types) expect(reportRowOf(type).type).toBe(type);
  });

  it("has the rows of 国办公开办函〔2021〕30号: 1 + 1 + 8 + 3 + 5 + 3", () => {
    const counts = ANSWER_GROUPS.map((group) => ANSWER_TYPE_ROWS.filter((row) => row.group === group.code).length);
    expect(counts).toEqual([1, 1, 8, 3, 5, 3]);
    const numbered = ANSWER_TYPE_ROWS.filter((row) => row.item !== null);
    for (const group of ANSWER_GROUPS) {
      const items = numbered.filter((row) => row.group === group.code).map((row) => row.item);
      expect(items).toEqual(items.map((_, index) => index + 1));
    }
    expect(reportRowOf("WITHHELD_SAFETY_STABILITY").rowName).toBe("3.危及“三安全一稳定”");
    expect(reportRowOf("NOT_PROCESSED_CONFIRMATION").rowName).toBe("5.要求行政机关确认或重新出具已获取信息");
  });

  it("has the six applicant columns before 总计", () => {
    expect(APPLICANT_COLUMNS.map((column) => column.label)).toEqual([
      "自然人",
      "商业企业",
      "科研机构",
      "社会公益组织",
      "法律服务机构",
      "其他",
    ]);
  });
});
