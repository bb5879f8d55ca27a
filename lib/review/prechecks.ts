// Automated pre-checks run at submission and on every new revision (issue #5): sensitive words,
// wrong or outdated official terms, secrecy markers, personal data, advertising and links. Pure
// functions over the revision's plain text; positions are offsets into that text, so the UI can
// highlight the passage. A "block" finding stops final approval unless the first responsible
// person overrides it with a reason; a "warn" finding is shown to author and reviewers.

import { z } from "zod";

export type Level = "block" | "warn";
export type FindingKind =
  | "sensitive_word"
  | "official_term"
  | "secrecy_marker"
  | "resident_id"
  | "mobile_number"
  | "bank_card"
  | "home_address"
  | "plate_number"
  | "writer_identity"
  | "advertising"
  | "external_link"
  | "broken_link"
  | "missing_alt";

export type Finding = {
  kind: FindingKind;
  level: Level;
  start: number;
  end: number;
  text: string;
  message: string;
  suggestion?: string;
};

/** A unit's lexicon as stored: sensitive words with their level, and wrong → right official terms. */
export const ZLexicon = z.object({
  sensitive: z.array(z.object({ word: z.string().min(1), level: z.enum(["block", "warn"]) })),
  terms: z.array(z.object({ wrong: z.string().min(1), right: z.string().min(1), note: z.string().optional() })),
});
export type Lexicon = z.output<typeof ZLexicon>;

/** Starter lexicon; each unit configures its own on top (seeded from this list). */
export const DEFAULT_LEXICON: Lexicon = {
  sensitive: [
    { word: "赌博网站", level: "block" },
    { word: "网络博彩", level: "block" },
    { word: "代开发票", level: "block" },
    { word: "办理假证", level: "block" },
    { word: "内部消息", level: "warn" },
    { word: "据小道消息", level: "warn" },
  ],
  terms: [
    { wrong: "做为", right: "作为" },
    { wrong: "既使", right: "即使" },
    { wrong: "按装", right: "安装" },
    { wrong: "截止到", right: "截至", note: "表示到某一时间为止用“截至”" },
    { wrong: "国务院办公室", right: "国务院办公厅" },
    { wrong: "人大代表大会", right: "人民代表大会" },
    { wrong: "发改委", right: "发展改革委", note: "规范简称" },
    { wrong: "住建委", right: "住房城乡建设委", note: "规范简称" },
    { wrong: "环保局", right: "生态环境局", note: "2018年机构改革后的名称" },
    { wrong: "国土资源局", right: "自然资源局", note: "2018年机构改革后的名称" },
    { wrong: "卫计委", right: "卫生健康委", note: "2018年机构改革后的名称" },
    { wrong: "工商局", right: "市场监管局", note: "2018年机构改革后的名称" },
    { wrong: "质监局", right: "市场监管局", note: "2018年机构改革后的名称" },
    { wrong: "安监局", right: "应急管理局", note: "2018年机构改革后的名称" },
  ],
};

const SECRECY_MARKERS: { pattern: RegExp; level: Level; label: string }[] = [
  { pattern: /(绝密|机密|秘密)\s*★/g, level: "block", label: "密级标志" },
  { pattern: /(?<![不非])(绝密|机密)(?!\s*★)/g, level: "block", label: "密级字样" },
  // 商业秘密 and 工作秘密 are legal categories, not 密级 (a 告知书 cites them as reasons, 条例第十五条);
  // “国家秘密” names a category of the law (《保守国家秘密法》; 不予公开 reasons, the annual report's
  // table 三), not a marking.
  { pattern: /(?<![不非保家]|商业|工作)秘密(?!★)/g, level: "block", label: "密级字样" },
  { pattern: /涉密/g, level: "block", label: "涉密字样" },
  { pattern: /内部(资料|文件|材料|刊物)|内部使用|注意保存/g, level: "block", label: "内部资料标注" },
  { pattern: /不予公开/g, level: "warn", label: "不予公开标注" },
];

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** GB 11643-1999: 18 characters, a real birth date, and the ISO 7064 MOD 11-2 check character. */
export function isValidResidentId(value: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day || birth > new Date())
    return false;
  const sum = ID_WEIGHTS.reduce((total, weight, index) => total + weight * Number(value[index]), 0);
  return ID_CHECK[sum % 11] === value[17]!.toUpperCase();
}

export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function matchAll(
  text: string,
  pattern: RegExp,
  make: (match: RegExpExecArray) => Omit<Finding, "start" | "end" | "text"> | null,
): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(
    new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`),
  )) {
    const made = make(match as RegExpExecArray);
    if (made) findings.push({ ...made, start: match.index!, end: match.index! + match[0].length, text: match[0] });
  }
  return findings;
}

function escape(word: string) {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// 机动车号牌 (GA 36): province, issuing-office letter, then five characters (six for new-energy vehicles).
const PLATE_PATTERN =
  /(?<![A-Za-z0-9])[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•\s]?[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])/g;

/** Findings that are a person's data: the spans a public copy of a letter must mask (留言选登). */
export const PERSONAL_DATA_KINDS: readonly FindingKind[] = [
  "resident_id",
  "mobile_number",
  "bank_card",
  "home_address",
  "plate_number",
];

export type LinkRef = { href: string; start: number; end: number; text: string };

export type PrecheckOptions = {
  lexicon?: Lexicon;
  /** Host names that belong to the platform's own sites. */
  platformHosts?: string[];
  /** Whether an internal path (/content/<id>, /columns/<slug>) resolves to something live. */
  resolvesInternally?: (path: string) => boolean;
};

export function runPrechecks(text: string, links: LinkRef[] = [], options: PrecheckOptions = {}): Finding[] {
  const lexicon = options.lexicon ?? DEFAULT_LEXICON;
  const findings: Finding[] = [];

  for (const entry of lexicon.sensitive) {
    findings.push(
      ...matchAll(text, new RegExp(escape(entry.word), "g"), () => ({
        kind: "sensitive_word",
        level: entry.level,
        message: `敏感词“${entry.word}”`,
      })),
    );
  }
  for (const term of lexicon.terms) {
    findings.push(
      ...matchAll(text, new RegExp(escape(term.wrong), "g"), () => ({
        kind: "official_term",
        level: "warn",
        message: `“${term.wrong}”应为“${term.right}”${term.note ? `（${term.note}）` : ""}`,
        suggestion: term.right,
      })),
    );
  }
  for (const marker of SECRECY_MARKERS) {
    findings.push(
      ...matchAll(text, marker.pattern, () => ({
        kind: "secrecy_marker",
        level: marker.level,
        message: `${marker.label}：请确认该信息可以公开`,
      })),
    );
  }
  // Digit runs are examined whole, so that a bank card is not also read as a phone number.
  findings.push(
    ...matchAll(text, /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g, (match) =>
      isValidResidentId(match[0])
        ? { kind: "resident_id", level: "block", message: "身份证号码：公开前须删除或脱敏" }
        : null,
    ),
    ...matchAll(text, /(?<!\d)1[3-9]\d{9}(?!\d)/g, () => ({
      kind: "mobile_number",
      level: "warn",
      message: "手机号码：请确认不是个人隐私信息",
    })),
    ...matchAll(text, /(?<![\d])(?:\d[ -]?){15,18}\d(?!\d)/g, (match) => {
      const digits = match[0].replace(/[ -]/g, "");
      if (digits.length < 16 || digits.length > 19 || isValidResidentId(digits) || !isLuhnValid(digits)) return null;
      return { kind: "bank_card", level: "block", message: "银行卡号：公开前须删除或脱敏" };
    }),
    ...matchAll(
      text,
      /[\p{Script=Han}]{2,12}(?:路|街|巷|大道|胡同)\d+号(?:[^\s，。；]{0,12}?\d+(?:栋|幢|单元|号楼)[^\s，。；]{0,8}?\d+(?:室|号))/gu,
      () => ({
        kind: "home_address",
        level: "warn",
        message: "详细住址：请确认不是个人住址",
      }),
    ),
    ...matchAll(text, PLATE_PATTERN, () => ({
      kind: "plate_number",
      level: "warn",
      message: "车牌号码：请确认不是个人信息",
    })),
    ...matchAll(text, /(全网最低|最低价|加微信|扫码领取|代理加盟|限时抢购|免费领取)/g, () => ({
      kind: "advertising",
      level: "warn",
      message: "疑似商业广告用语",
    })),
  );

  for (const link of links) {
    let url: URL | null = null;
    try {
      url = new URL(link.href, "http://platform.invalid");
    } catch {
      url = null;
    }
    if (!url) {
      findings.push({
        kind: "broken_link",
        level: "warn",
        start: link.start,
        end: link.end,
        text: link.text,
        message: "链接地址无效",
      });
      continue;
    }
    const internal = url.hostname === "platform.invalid" || (options.platformHosts ?? []).includes(url.hostname);
    if (internal) {
      if (options.resolvesInternally && !options.resolvesInternally(url.pathname)) {
        findings.push({
          kind: "broken_link",
          level: "warn",
          start: link.start,
          end: link.end,
          text: link.text,
          message: `站内链接 ${url.pathname} 未指向已发布的内容`,
        });
      }
    } else if (!/\.gov\.cn$/.test(url.hostname)) {
      findings.push({
        kind: "external_link",
        level: "warn",
        start: link.start,
        end: link.end,
        text: link.text,
        message: `外部链接（${url.hostname}）不是政府网站，请确认`,
      });
    }
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * A letter's public copy (留言答复) may carry no personal data at all: every such finding blocks,
 * so an unmasked copy cannot be approved without the first responsible person's override.
 */
export function strictPersonalData(findings: Finding[]): Finding[] {
  return findings.map((finding) =>
    PERSONAL_DATA_KINDS.includes(finding.kind)
      ? { ...finding, level: "block", message: `${finding.message.split("：")[0]}：留言选登前须脱敏` }
      : finding,
  );
}

export function hasBlockingFinding(findings: Finding[]): boolean {
  return findings.some((finding) => finding.level === "block");
}
