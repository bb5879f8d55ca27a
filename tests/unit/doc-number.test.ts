import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatIndexNumber, parseDocNumber } from "@/lib/library/doc-number";

describe("文号 validation", () => {
  const seeds = JSON.parse(readFileSync("prisma/seed-data/documents.json", "utf8")) as { docNumber: string | null }[];

  it("accepts the seed documents' numbers", () => {
    const numbers = seeds.map((seed) => seed.docNumber).filter((value): value is string => value !== null);
    expect(numbers.length).toBeGreaterThanOrEqual(3);
    for (const number of numbers) expect(parseDocNumber(number), number).toMatchObject({ ok: true });
    expect(parseDocNumber("渝府办发〔2019〕64号")).toEqual({
      ok: true,
      normalized: "渝府办发〔2019〕64号",
      value: { form: "standard", issuerCode: "渝府办发", year: 2019, serial: 64 },
    });
  });

  it("accepts orders numbered with 第", () => {
    expect(parseDocNumber("国令第711号")).toMatchObject({ ok: true, value: { form: "order", serial: 711 } });
  });

  it.each([
    ["", "请填写文号"],
    ["渝府办发[2019]64号", "六角括号"],
    ["渝府办发(2019)64号", "六角括号"],
    ["渝府办发【2019】64号", "六角括号"],
    ["渝府办发〔2019〕64", "以“号”结尾"],
    ["渝府办发〔19〕64号", "四位年份"],
    ["渝府办发〔2019〕064号", "不编虚位"],
    ["渝府办发〔2019〕第64号", "不加“第”"],
    ["〔2019〕64号", "发文机关代字"],
    ["渝府办发〔1900〕64号", "合理范围"],
  ])("rejects %s with a clear message", (input, fragment) => {
    const result = parseDocNumber(input, new Date("2026-11-22"));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(fragment);
  });

  it("formats 索引号 as unit code / year-serial", () => {
    expect(formatIndexNumber("11500106009301572C", 2026, 7)).toBe("11500106009301572C/2026-00007");
  });
});
