import { chinaYear } from "@/lib/time/china";
// 发文字号 (文号), GB/T 9704-2012 §7.2.4: 发文机关代字 + 年份 in 六角括号〔〕 + 发文顺序号 + 号,
// e.g. 渝府办发〔2019〕64号. The year is full; the serial has no leading zeros (不编虚位) and no 第.
// Orders of the State Council and similar are numbered 国令第711号; both forms are accepted.

export type DocNumber =
  | { form: "standard"; issuerCode: string; year: number; serial: number }
  | { form: "order"; issuerCode: string; serial: number };

export type DocNumberResult = { ok: true; value: DocNumber; normalized: string } | { ok: false; message: string };

const STANDARD = /^(\p{Script=Han}[\p{Script=Han}A-Za-z]*)〔(\d{4})〕(\d+)号$/u;
const ORDER = /^(\p{Script=Han}+)第(\d+)号$/u;

export function parseDocNumber(input: string, now = new Date()): DocNumberResult {
  const text = input.trim();
  if (!text) return { ok: false, message: "请填写文号。" };
  const order = ORDER.exec(text);
  if (order) {
    const serial = order[2]!;
    if (serial.startsWith("0")) return { ok: false, message: "文号的顺序号不编虚位（如 1 不写作 01）。" };
    return { ok: true, value: { form: "order", issuerCode: order[1]!, serial: Number(serial) }, normalized: text };
  }
  const match = STANDARD.exec(text);
  if (!match) {
    if (/[[\]［］【】()（）]\s*\d{4}\s*[[\]［］【】()（）]/.test(text)) {
      return { ok: false, message: "文号中的年份须用六角括号〔〕括入，如 渝府办发〔2019〕64号。" };
    }
    if (!text.endsWith("号")) return { ok: false, message: "文号须以“号”结尾，如 渝府办发〔2019〕64号。" };
    if (!/〔\d{4}〕/.test(text)) return { ok: false, message: "文号须包含四位年份，用六角括号〔〕括入，如〔2019〕。" };
    if (!/^\p{Script=Han}/u.test(text)) return { ok: false, message: "文号须以发文机关代字开头，如“渝府办发”。" };
    if (/〔\d{4}〕第/.test(text)) return { ok: false, message: "文号的顺序号前不加“第”字。" };
    return { ok: false, message: "文号格式不正确，应为 发文机关代字〔年份〕顺序号号，如 渝府办发〔2019〕64号。" };
  }
  const [, issuerCode, yearText, serialText] = match;
  const year = Number(yearText);
  if (year < 1949 || year > chinaYear(now) + 1) return { ok: false, message: `文号中的年份 ${year} 不在合理范围内。` };
  if (serialText!.startsWith("0")) return { ok: false, message: "文号的顺序号不编虚位（如 1 不写作 01）。" };
  return {
    ok: true,
    value: { form: "standard", issuerCode: issuerCode!, year, serial: Number(serialText) },
    normalized: text,
  };
}

/** 索引号: the unit's code, then year and a serial unique within the unit and year. */
export function formatIndexNumber(unitCode: string, year: number, serial: number): string {
  return `${unitCode}/${year}-${String(serial).padStart(5, "0")}`;
}
