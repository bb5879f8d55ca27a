// The answer types of a 政府信息公开申请 (《政府信息公开条例》第三十六条 to 第三十九条) and the row
// of table 三 (收到和处理政府信息公开申请情况) of the 政府信息公开工作年度报告 each one is counted
// in (国办公开办函〔2021〕30号). Every type maps to exactly one row and every 办理结果 row has
// exactly one type, so the table is a count of concluded requests by type. Pure: no database.
import type { DisclosureAnswerType, DisclosureApplicantType } from "@/lib/db/generated/enums";

/** The six groups of 三、本年度办理结果, in the table's order. */
export const ANSWER_GROUPS = [
  { code: "PUBLIC", label: "（一）予以公开" },
  { code: "PARTIAL", label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" },
  { code: "WITHHELD", label: "（三）不予公开" },
  { code: "UNAVAILABLE", label: "（四）无法提供" },
  { code: "NOT_PROCESSED", label: "（五）不予处理" },
  { code: "OTHER", label: "（六）其他处理" },
] as const;

export type AnswerGroup = (typeof ANSWER_GROUPS)[number]["code"];

export type AnswerTypeRow = {
  type: DisclosureAnswerType;
  group: AnswerGroup;
  /** The row's own number within its group (1–8), or null for the two single-row groups. */
  item: number | null;
  /** The row's name exactly as the report prints it. */
  rowName: string;
  /** Short label for lists and forms. */
  shortName: string;
  /** The article of the 条例 the 告知书 cites. */
  legalBasis: string;
};

/** Every answer type, in the order of the report's rows. */
export const ANSWER_TYPE_ROWS: readonly AnswerTypeRow[] = [
  {
    type: "PUBLIC",
    group: "PUBLIC",
    item: null,
    rowName: "（一）予以公开",
    shortName: "予以公开",
    legalBasis: "《中华人民共和国政府信息公开条例》第三十六条第（一）项、第（二）项",
  },
  {
    type: "PARTIAL",
    group: "PARTIAL",
    item: null,
    rowName: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    shortName: "部分公开",
    legalBasis: "《中华人民共和国政府信息公开条例》第三十七条",
  },
  {
    type: "WITHHELD_STATE_SECRET",
    group: "WITHHELD",
    item: 1,
    rowName: "1.属于国家秘密",
    shortName: "不予公开（国家秘密）",
    legalBasis: "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
  },
  {
    type: "WITHHELD_LAW_PROHIBITS",
    group: "WITHHELD",
    item: 2,
    rowName: "2.其他法律行政法规禁止公开",
    shortName: "不予公开（法律行政法规禁止公开）",
    legalBasis: "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
  },
  {
    type: "WITHHELD_SAFETY_STABILITY",
    group: "WITHHELD",
    item: 3,
    rowName: "3.危及“三安全一稳定”",
    shortName: "不予公开（危及“三安全一稳定”）",
    legalBasis: "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
  },
  {
    type: "WITHHELD_THIRD_PARTY",
    group: "WITHHELD",
    item: 4,
    rowName: "4.保护第三方合法权益",
    shortName: "不予公开（保护第三方合法权益）",
    legalBasis: "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项",
  },
  {
    type: "WITHHELD_INTERNAL_AFFAIRS",
    group: "WITHHELD",
    item: 5,
    rowName: "5.属于三类内部事务信息",
    shortName: "不予公开（内部事务信息）",
    legalBasis: "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项",
  },
  {
    type: "WITHHELD_PROCESS_INFO",
    group: "WITHHELD",
    item: 6,
    rowName: "6.属于四类过程性信息",
    shortName: "不予公开（过程性信息）",
    legalBasis: "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
  },
  {
    type: "WITHHELD_ENFORCEMENT_FILE",
    group: "WITHHELD",
    item: 7,
    rowName: "7.属于行政执法案卷",
    shortName: "不予公开（行政执法案卷）",
    legalBasis: "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
  },
  {
    type: "WITHHELD_INQUIRY_MATTER",
    group: "WITHHELD",
    item: 8,
    rowName: "8.属于行政查询事项",
    shortName: "不予公开（行政查询事项）",
    legalBasis: "《中华人民共和国政府信息公开条例》第三十六条第（七）项",
  },
  {
    type: "UNAVAILABLE_NOT_HELD",
    group: "UNAVAILABLE",
    item: 1,
    rowName: "1.本机关不掌握相关政府信息",
    shortName: "无法提供（本机关不掌握）",
    legalBasis: "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项",
  },
  {
    type: "UNAVAILABLE_NEEDS_CREATION",
    group: "UNAVAILABLE",
    item: 2,
    rowName: "2.没有现成信息需要另行制作",
    shortName: "无法提供（需另行制作）",
    legalBasis: "《中华人民共和国政府信息公开条例》第三十八条",
  },
  {
    type: "UNAVAILABLE_UNCLEAR",
    group: "UNAVAILABLE",
    item: 3,
    rowName: "3.补正后申请内容仍不明确",
    shortName: "无法提供（补正后仍不明确）",
    legalBasis: "《中华人民共和国政府信息公开条例》第三十条",
  },
  {
    type: "NOT_PROCESSED_PETITION",
    group: "NOT_PROCESSED",
    item: 1,
    rowName: "1.信访举报投诉类申请",
    shortName: "不予处理（信访举报投诉类）",
    legalBasis: "《中华人民共和国政府信息公开条例》第三十九条第一款",
  },
  {
    type: "NOT_PROCESSED_REPEAT",
    group: "NOT_PROCESSED",
    item: 2,
    rowName: "2.重复申请",
    shortName: "不予处理（重复申请）",
    legalBasis: "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
  },
  {
    type: "NOT_PROCESSED_PUBLICATION",
    group: "NOT_PROCESSED",
    item: 3,
    rowName: "3.要求提供公开出版物",
    shortName: "不予处理（公开出版物）",
    legalBasis: "《中华人民共和国政府信息公开条例》第三十九条第二款",
  },
  {
    type: "NOT_PROCESSED_EXCESSIVE",
    group: "NOT_PROCESSED",
    item: 4,
    rowName: "4.无正当理由大量反复申请",
    shortName: "不予处理（无正当理由大量反复申请）",
    legalBasis: "《中华人民共和国政府信息公开条例》第三十五条",
  },
  {
    type: "NOT_PROCESSED_CONFIRMATION",
    group: "NOT_PROCESSED",
    item: 5,
    rowName: "5.要求行政机关确认或重新出具已获取信息",
    shortName: "不予处理（要求确认或重新出具）",
    legalBasis: "《中华人民共和国政府信息公开条例》第三十八条",
  },
  {
    type: "OTHER_NO_CORRECTION",
    group: "OTHER",
    item: 1,
    rowName: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    shortName: "其他处理（逾期不补正）",
    legalBasis: "《中华人民共和国政府信息公开条例》第三十条",
  },
  {
    type: "OTHER_FEE_UNPAID",
    group: "OTHER",
    item: 2,
    rowName: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    shortName: "其他处理（逾期未缴费）",
    legalBasis:
      "《中华人民共和国政府信息公开条例》第四十二条，《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
  },
  {
    type: "OTHER",
    group: "OTHER",
    item: 3,
    rowName: "3.其他",
    shortName: "其他处理",
    legalBasis: "《中华人民共和国政府信息公开条例》",
  },
];

const BY_TYPE = new Map(ANSWER_TYPE_ROWS.map((row) => [row.type, row]));

/** The report row an answer type is counted in. */
export function reportRowOf(type: DisclosureAnswerType): AnswerTypeRow {
  const row = BY_TYPE.get(type);
  if (!row) throw new RangeError(`unknown answer type: ${type}`);
  return row;
}

/** Answer types that conclude a request without a staff decision (the sweep sets them). */
export const WITHDRAWAL_TYPES: readonly DisclosureAnswerType[] = ["OTHER_NO_CORRECTION", "OTHER_FEE_UNPAID"];

/** The seven number columns of table 三: 自然人, the five kinds of 法人或其他组织, and 总计. */
export const APPLICANT_COLUMNS: readonly { type: DisclosureApplicantType; label: string; organization: boolean }[] = [
  { type: "NATURAL_PERSON", label: "自然人", organization: false },
  { type: "BUSINESS", label: "商业企业", organization: true },
  { type: "RESEARCH", label: "科研机构", organization: true },
  { type: "PUBLIC_WELFARE", label: "社会公益组织", organization: true },
  { type: "LEGAL_SERVICE", label: "法律服务机构", organization: true },
  { type: "OTHER_ORG", label: "其他", organization: true },
];
export const TOTAL_COLUMN_LABEL = "总计";
export const ORGANIZATION_COLUMNS_LABEL = "法人或其他组织";

/** The other rows of table 三, around the 办理结果 rows (一、二 before; 三(七) and 四 after). */
export const TABLE_THREE_FRAME = {
  newRequests: "一、本年新收政府信息公开申请数量",
  carriedIn: "二、上年结转政府信息公开申请数量",
  results: "三、本年度办理结果",
  resultsTotal: "（七）总计",
  carriedOut: "四、结转下年度继续办理",
  /** The check printed on the table. */
  balanceRule: "第一项 + 第二项 = 第三项 + 第四项",
} as const;
