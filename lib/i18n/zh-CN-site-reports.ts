// 网站工作报表 (政府网站工作年度报表, 监管年度报表, 月度工作报告): back-office labels. The templates'
// own group and field names are data in lib/reports/website-annual/template.ts (the contract with
// the 全国政府网站信息报送系统), not messages.

export const siteReportMessages = {
  breadcrumb: "报送与统计",
  title: "网站工作报表",
  empty: "没有可查看的报表。",
  columns: {
    report: "报表",
    subject: "网站或单位",
    period: "期间",
    deadline: "截止日期",
    state: "状态",
  },
  overdue: "已逾期",
  facts: { subject: "网站或单位", period: "期间", deadline: "截止日期", state: "状态", column: "发布栏目" },
  header: "基本信息",
  table: { item: "项目", value: "数值", unit: "单位", source: "数据来源", note: "填报或修改说明" },
  computed: "平台统计",
  entered: "填报",
  overridden: (computed: string) => `已修改（平台统计为 ${computed}）`,
  enteredBy: (name: string, at: string, reason: string) => `${name} ${at}${reason ? `：${reason}` : ""}`,
  missing: (count: number) => `尚有 ${count} 项需要填报`,
  chart: "图表",
  chartAlt: (group: string) => `${group}各项数值的柱状图（数值见下表）`,
  entry: {
    heading: "填报或修改数据",
    hint: "修改平台统计的数据须说明理由；理由随报表保存并记入审计日志。撤销修改后恢复平台统计的数值。",
    field: "项目",
    value: "数值",
    valueHint: "数字；是/否；多选用“、”分隔",
    reason: "理由（数据来源或依据）",
    clear: "撤销这一项的填报或修改",
    submit: "保存",
  },
  signOff: {
    heading: "签发",
    hint: "签发后全部数据固定，不能再修改；公开和导出的都是签发时的数据。",
    submit: "签发报表",
    signed: (day: string) => `已于 ${day} 签发`,
  },
  publish: {
    heading: "送审公开",
    hint: "签发后生成报表稿件，经本单位审核后发布到网站的“年度报表”栏目（国办函〔2018〕12号：1月31日前）。",
    submit: "送审公开",
    monthly: "月度工作报告签发后导出报送，不在网站公开。",
  },
  downloads: { heading: "下载", docx: "下载 Word（公文格式）", xlsx: "下载 Excel" },
  viewResource: "查看稿件",
  saved: "已保存。",
  signedMessage: "报表已签发。",
  publishedMessage: "已生成报表稿件并提交审核，审核通过后发布到年度报表栏目。",
} as const;
