import { describe, expect, it } from "vitest";
import { diffText, tokenize } from "@/lib/library/diff";

describe("diffText", () => {
  it("cuts Chinese into words, not lines or the whole paragraph", () => {
    expect(tokenize("推进政府网站健康发展").length).toBeGreaterThan(2);
  });

  it("marks only the changed words of a long paragraph", () => {
    const before = "各区县人民政府要在每年1月31日前发布上年政府信息公开年度报告。";
    const after = "各区县人民政府要在每年1月15日前发布上年政府信息公开年度报告。";
    const segments = diffText(before, after);
    const changed = segments.filter((segment) => segment.type !== "equal");
    expect(changed.map((segment) => segment.text).join("")).toMatch(/^(31日?15日?|3115)$|31.*15/);
    expect(changed.reduce((sum, segment) => sum + segment.text.length, 0)).toBeLessThan(8);
    expect(
      segments
        .filter((s) => s.type !== "added")
        .map((s) => s.text)
        .join(""),
    ).toBe(before);
    expect(
      segments
        .filter((s) => s.type !== "removed")
        .map((s) => s.text)
        .join(""),
    ).toBe(after);
  });

  it("returns one equal segment for identical text", () => {
    expect(diffText("同源", "同源")).toEqual([{ type: "equal", text: "同源" }]);
  });
});
