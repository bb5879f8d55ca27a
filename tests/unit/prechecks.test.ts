import { describe, expect, it } from "vitest";
import { hasBlockingFinding, isLuhnValid, isValidResidentId, runPrechecks } from "@/lib/review/prechecks";

describe("personal data validators", () => {
  it("checks resident ID numbers by GB 11643 (birth date and check character)", () => {
    expect(isValidResidentId("11010519491231002X")).toBe(true);
    expect(isValidResidentId("11010519491231002x")).toBe(true);
    expect(isValidResidentId("110105194912310021")).toBe(false); // wrong check character
    expect(isValidResidentId("110105194913310029")).toBe(false); // month 13
    expect(isValidResidentId("11010519491231002")).toBe(false);
  });

  it("checks bank card numbers with Luhn", () => {
    expect(isLuhnValid("6222020200112233446")).toBe(true);
    expect(isLuhnValid("6222020200112233444")).toBe(false);
  });
});

describe("runPrechecks", () => {
  const text =
    "联系人：王某，身份证号11010519491231002X，手机13812345678。本材料属秘密★5年。做为试点，请于截止到月底前报送。银行卡6222 0202 0011 2233 446。";

  it("finds each item at its exact position", () => {
    const findings = runPrechecks(text);
    const at = (kind: string) => findings.find((finding) => finding.kind === kind)!;
    for (const [kind, expected, level] of [
      ["resident_id", "11010519491231002X", "block"],
      ["mobile_number", "13812345678", "warn"],
      ["secrecy_marker", "秘密★", "block"],
      ["official_term", "做为", "warn"],
      ["bank_card", "6222 0202 0011 2233 446", "block"],
    ] as const) {
      const finding = at(kind);
      expect(finding, kind).toMatchObject({ text: expected, level });
      expect(text.slice(finding.start, finding.end)).toBe(expected);
    }
    expect(findings.filter((finding) => finding.kind === "official_term").map((f) => f.suggestion)).toEqual([
      "作为",
      "截至",
    ]);
    expect(hasBlockingFinding(findings)).toBe(true);
    // Findings come in reading order.
    expect(findings.map((finding) => finding.start)).toEqual(
      [...findings.map((finding) => finding.start)].sort((a, b) => a - b),
    );
  });

  it("finds words of a configured lexicon at the block level", () => {
    const findings = runPrechecks("关于取缔某赌博网站的通报", [], {});
    expect(findings).toEqual([
      expect.objectContaining({ kind: "sensitive_word", level: "block", start: 5, end: 9, text: "赌博网站" }),
    ]);
    const custom = runPrechecks("请勿传播谣言", [], {
      lexicon: { sensitive: [{ word: "谣言", level: "warn" }], terms: [] },
    });
    expect(custom).toEqual([expect.objectContaining({ kind: "sensitive_word", level: "warn", start: 4 })]);
  });

  it("does not mistake ordinary numbers and words", () => {
    expect(runPrechecks("2023年第四季度共检查政府网站88个，合格率100%。保密工作不属于秘密事项。不予保留。")).toEqual([
      expect.objectContaining({ kind: "secrecy_marker", text: "秘密" }),
    ]);
    expect(runPrechecks("咨询电话：023-63852999。文号渝府办发〔2019〕64号。")).toEqual([]);
    // The category the law names (不予公开: 属于国家秘密), as the annual report's table 三 prints it.
    expect(runPrechecks("1.属于国家秘密")).toEqual([]);
  });

  it("flags links to non-government sites and internal links that do not resolve", () => {
    const links = [
      { href: "https://www.cq.gov.cn/zwgk/", start: 0, end: 2, text: "市政府" },
      { href: "https://shop.example.com/", start: 3, end: 5, text: "商城" },
      { href: "/content/00000000-0000-4000-8000-000000000000", start: 6, end: 8, text: "旧文" },
      { href: "/content/11111111-1111-4111-8111-111111111111", start: 9, end: 11, text: "新文" },
    ];
    const findings = runPrechecks("市政府 商城 旧文 新文", links, {
      resolvesInternally: (path) => path.startsWith("/content/1111"),
    });
    expect(findings.map((finding) => [finding.kind, finding.text])).toEqual([
      ["external_link", "商城"],
      ["broken_link", "旧文"],
    ]);
  });

  it("flags detailed home addresses and advertising", () => {
    const findings = runPrechecks("住址：沙坪坝区天星桥路12号3栋2单元501室。全网最低价，加微信领取。");
    expect(findings.map((finding) => finding.kind)).toEqual(["home_address", "advertising", "advertising"]);
  });
});
