import { describe, expect, it } from "vitest";
import { isValidIdNumber, isValidPhone, normalizePhone } from "@/lib/interaction/writer-fields";
import {
  CODE_ALPHABET,
  QUERY_CODE_PATTERN,
  newLetterPassword,
  newQueryCode,
  normalizeQueryCode,
} from "@/lib/interaction/query-code";
import { ZLetterForm } from "@/lib/interaction/letter-form";

// The pure parts of letter intake: the writer's phone and ID number, and the 查询码 and password.

describe("resident ID number (GB 11643-1999 check digit)", () => {
  it("accepts numbers whose check character is right, X included", () => {
    // The standard's own example, and numbers built with the MOD 11-2 rule.
    expect(isValidIdNumber("11010519491231002X")).toBe(true);
    expect(isValidIdNumber("440524198001010013")).toBe(true);
    expect(isValidIdNumber("11010519491231002x")).toBe(true);
  });

  it("refuses a wrong check character, a date that does not exist, a future birth and wrong shapes", () => {
    expect(isValidIdNumber("110105194912310021")).toBe(false);
    expect(isValidIdNumber("440524198001010014")).toBe(false);
    // Right check digits, wrong dates: 1949-02-30 does not exist; 2099 is not born yet.
    expect(isValidIdNumber("110105194902300020")).toBe(false);
    expect(isValidIdNumber("110105209912310010", new Date("2026-12-06T00:00:00Z"))).toBe(false);
    expect(isValidIdNumber("11010519491231002")).toBe(false);
    expect(isValidIdNumber("01010519491231002X")).toBe(false);
    expect(isValidIdNumber("1101051949123100ZX")).toBe(false);
  });
});

describe("phone numbers", () => {
  it("accepts mainland mobiles and landlines with area code, normalising +86 and spaces", () => {
    for (const phone of ["13812345678", "+86 138 1234 5678", "023-65368000", "02365368000", "0755-1234567-89"])
      expect(isValidPhone(phone), phone).toBe(true);
    expect(normalizePhone("+86 138 1234 5678")).toBe("13812345678");
  });

  it("refuses numbers nobody can be called back on", () => {
    for (const phone of ["12345678901", "1381234567", "65368000", "abc", "", "138123456789"])
      expect(isValidPhone(phone), phone).toBe(false);
  });
});

describe("查询码 and password", () => {
  it("a code is the China day of receipt and six characters that cannot be misread", () => {
    // 2026-12-06 17:00 UTC is already 2026-12-07 in China.
    const code = newQueryCode(new Date("2026-12-06T17:00:00Z"));
    expect(code.startsWith("20261207")).toBe(true);
    expect(code).toMatch(QUERY_CODE_PATTERN);
    for (const confusable of ["0", "O", "1", "I", "L"]) expect(CODE_ALPHABET.includes(confusable)).toBe(false);
  });

  it("codes and passwords differ from one letter to the next", () => {
    const codes = new Set(Array.from({ length: 500 }, () => newQueryCode()));
    const passwords = new Set(Array.from({ length: 500 }, () => newLetterPassword()));
    expect(codes.size).toBe(500);
    expect(passwords.size).toBe(500);
    for (const password of passwords) expect(password).toMatch(new RegExp(`^[${CODE_ALPHABET}]{8}$`));
  });

  it("what a writer types back is normalised", () => {
    expect(normalizeQueryCode(" 20261207 abc def ")).toBe("20261207ABCDEF");
  });
});

describe("the letter form schema", () => {
  const valid = {
    type: "consult",
    title: "咨询社保卡补办",
    content: "请问社会保障卡丢失后在哪里补办，需要带哪些材料？",
    writerName: "张三",
    writerPhone: "13812345678",
    consentToPublish: "yes",
    privacyAccepted: "yes",
    captcha: "x",
  };

  it("accepts a complete form and reads consent as a yes or no", () => {
    expect(ZLetterForm.parse(valid).consentToPublish).toBe(true);
    expect(ZLetterForm.parse({ ...valid, consentToPublish: "no" }).consentToPublish).toBe(false);
    expect(ZLetterForm.parse({ ...valid, writerIdNumber: "", writerEmail: "" }).writerIdNumber).toBeUndefined();
  });

  it("gives a Chinese error on the field that is wrong", () => {
    const cases: [Record<string, string>, string][] = [
      [{ writerPhone: "123" }, "writerPhone"],
      [{ writerIdNumber: "110105194912310021" }, "writerIdNumber"],
      [{ writerEmail: "not-mail" }, "writerEmail"],
      [{ consentToPublish: "maybe" }, "consentToPublish"],
      [{ privacyAccepted: "" }, "privacyAccepted"],
      [{ content: "太短" }, "content"],
      [{ title: "含\u0000控制字符" }, "title"],
      [{ pageUrl: "javascript:alert(1)" }, "pageUrl"],
    ];
    for (const [change, field] of cases) {
      const parsed = ZLetterForm.safeParse({ ...valid, ...change });
      expect(parsed.success, field).toBe(false);
      const issue = parsed.error!.issues.find((candidate) => candidate.path[0] === field);
      expect(issue?.message, field).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
