import { describe, expect, it } from "vitest";
import { closestDocNumber, editDistance, findDocNumber, suggestionFor } from "@/lib/search/doc-number-suggestion";

// 您是不是要找 for a mistyped 文号: brackets normalised, candidates of the same year and serial, the
// issuer's 代字 compared by edit distance.

const EXISTING = [
  "吉政办发〔2015〕5号",
  "渝府办发〔2019〕64号",
  "来政办发〔2021〕30号",
  "吉政发〔2015〕5号",
  "国办发〔2015〕5号",
];

describe("finding the 文号 in a query", () => {
  it("normalises every bracket pair people type around the year", () => {
    for (const typed of [
      "机政办发[2015]5号",
      "机政办发【2015】5号",
      "机政办发（2015）5号",
      "机政办发(2015)5号",
      "机政办发［2015］5号",
      "机政办发〔2015〕5号",
      "机政办发 [ 2015 ] 5号",
    ])
      expect(findDocNumber(typed), typed).toMatchObject({
        issuer: "机政办发",
        year: "2015",
        serial: "5",
        text: "机政办发〔2015〕5号",
      });
    expect(findDocNumber("关于政务新媒体的通知")).toBeNull();
    expect(findDocNumber("2015年5号")).toBeNull();
  });

  it("counts edits in characters", () => {
    expect(editDistance("机政办发", "吉政办发")).toBe(1);
    expect(editDistance("国办发", "吉政办发")).toBe(2);
    expect(editDistance("", "吉政")).toBe(2);
    expect(editDistance("渝府办发", "渝府办发")).toBe(0);
  });
});

describe("the suggestion", () => {
  it("offers 吉政办发〔2015〕5号 for 机政办发[2015]5号: same year and serial, one character away", () => {
    const typed = findDocNumber("机政办发[2015]5号")!;
    expect(closestDocNumber(typed, EXISTING)).toBe("吉政办发〔2015〕5号");
    expect(suggestionFor("机政办发[2015]5号", typed, EXISTING)).toBe("吉政办发〔2015〕5号");
  });

  it("keeps the rest of the query around the corrected 文号", () => {
    const query = "机政办发【2015】5号 通知";
    expect(suggestionFor(query, findDocNumber(query)!, EXISTING)).toBe("吉政办发〔2015〕5号 通知");
  });

  it("offers nothing when the 文号 exists, however its brackets were typed", () => {
    expect(closestDocNumber(findDocNumber("吉政办发[2015]5号")!, EXISTING)).toBeNull();
    expect(closestDocNumber(findDocNumber("吉政办发【2015】5号")!, EXISTING)).toBeNull();
  });

  it("offers nothing when no 文号 has that year and serial, or none is close enough", () => {
    expect(closestDocNumber(findDocNumber("机政办发[2016]5号")!, EXISTING)).toBeNull();
    expect(closestDocNumber(findDocNumber("机政办发[2015]6号")!, EXISTING)).toBeNull();
    expect(closestDocNumber(findDocNumber("沪府发[2015]5号")!, EXISTING)).toBeNull();
  });

  it("prefers the fewest edits, then the first in order, so the answer does not depend on the index's order", () => {
    const typed = findDocNumber("吉政办[2015]5号")!;
    expect(closestDocNumber(typed, [...EXISTING].reverse())).toBe(closestDocNumber(typed, EXISTING));
    expect(closestDocNumber(findDocNumber("吉改办发[2015]5号")!, EXISTING)).toBe("吉政办发〔2015〕5号");
  });
});
