// The three report templates as data: 《政府网站工作年度报表》 and 《政府网站监管年度报表》 (国办函〔2018〕12号)
// and the monthly work report (seed 004). A field's path is its group, sub-group and name exactly as
// the template prints them: they are the contract with the outside world (the JSON of
// `report:website-annual`, the .xlsx and the published table), so they are never translated.
// `source` says in Chinese where a computed figure comes from; `computed: false` marks what the
// platform cannot know, which the officer enters. Pure.

export type FieldType = "number" | "text" | "bool" | "choices";
export type FieldValue = number | string | boolean | string[] | null;

export type FieldDef = {
  /** Group, sub-group(s) and name as the template prints them. */
  path: readonly string[];
  unit?: string;
  type: FieldType;
  /** The choices of a 网站类型 or 创新发展 field. */
  options?: readonly string[];
  computed: boolean;
  /** Where the figure comes from (computed), or what the officer enters (entered). */
  source: string;
};

export type ReportKindCode = "WEBSITE_ANNUAL" | "SUPERVISION_ANNUAL" | "MONTHLY";

export type Template = {
  kind: ReportKindCode;
  title: string;
  /** The groups in the template's order; a field with a one-element path is a header field. */
  groups: readonly string[];
  fields: readonly FieldDef[];
};

const c = (path: string[], type: FieldType, source: string, unit?: string): FieldDef => ({
  path,
  type,
  unit,
  computed: true,
  source,
});
const e = (path: string[], type: FieldType, source: string, unit?: string): FieldDef => ({
  path,
  type,
  unit,
  computed: false,
  source,
});

export const SITE_TYPES = ["政府门户网站", "部门网站", "专项网站"] as const;
export const INNOVATIONS = ["搜索即服务", "多语言版本", "无障碍浏览", "千人千网", "其他"] as const;

const PUBLISHED = "本年度首次发布、放置在本网站栏目中的资源库稿件（撤稿的不计，同一稿件计一次）";

export const WEBSITE_ANNUAL: Template = {
  kind: "WEBSITE_ANNUAL",
  title: "政府网站工作年度报表",
  groups: ["信息发布", "专栏专题", "解读回应", "办事服务", "互动交流", "安全防护", "移动新媒体", "创新发展"],
  fields: [
    c(["网站名称"], "text", "网站设置：网站名称"),
    c(["首页网址"], "text", "网站设置：第一个访问域名"),
    c(["主办单位"], "text", "网站设置：主办单位（未填时为所属单位名称）"),
    {
      path: ["网站类型"],
      type: "choices",
      options: SITE_TYPES,
      computed: true,
      source: "所属单位为人民政府的为政府门户网站，其余为部门网站",
    },
    c(["政府网站标识码"], "text", "网站设置：网站标识码"),
    c(["ICP备案号"], "text", "网站设置：ICP备案号"),
    c(["公安机关备案号"], "text", "网站设置：公安机关备案号"),
    c(["独立用户访问总量"], "number", "访问统计：本年度每日独立访客数之和（按日加盐去重，不跨日识别）", "个"),
    c(["网站总访问量"], "number", "访问统计：本年度页面浏览次数之和", "次"),
    c(["信息发布", "总数"], "number", PUBLISHED, "条"),
    c(
      ["信息发布", "概况类信息更新量"],
      "number",
      `${PUBLISHED}中，栏目为单页或名称含概况、简介、机构、领导、职能的`,
      "条",
    ),
    c(["信息发布", "政务动态信息更新量"], "number", `${PUBLISHED}中，栏目按监测规则属“动态要闻类”的`, "条"),
    c(
      ["信息发布", "信息公开目录信息更新量"],
      "number",
      `${PUBLISHED}中，栏目为信息公开目录、政策文件库或其下级栏目的`,
      "条",
    ),
    c(["专栏专题", "维护数量"], "number", "本年末已开设的专题栏目（栏目类型“专题”）", "个"),
    c(["专栏专题", "新开设数量"], "number", "本年度新建的专题栏目", "个"),
    c(["解读回应", "解读信息发布", "总数"], "number", "本年度首次发布在本网站的政策解读稿件", "条"),
    c(["解读回应", "解读信息发布", "解读材料数量"], "number", "其中以文字为主的解读（体裁不是图解、视频、音频）", "条"),
    c(["解读回应", "解读信息发布", "解读产品数量"], "number", "其中体裁为图解、视频、音频、动漫的解读", "个"),
    e(["解读回应", "解读信息发布", "媒体评论文章数量"], "number", "由填报人依媒体监测情况填写", "篇"),
    e(["解读回应", "回应公众关注热点或重大舆情数量"], "number", "由填报人依舆情回应台账填写", "次"),
    e(["办事服务", "是否发布服务事项目录"], "bool", "由填报人填写（办事服务由政务服务平台提供）"),
    e(["办事服务", "注册用户数"], "number", "由填报人依政务服务平台统计填写", "个"),
    e(["办事服务", "政务服务事项数量"], "number", "由填报人依政务服务平台统计填写", "项"),
    e(["办事服务", "可全程在线办理政务服务事项数量"], "number", "由填报人依政务服务平台统计填写", "项"),
    e(["办事服务", "办件量", "总数"], "number", "由填报人依政务服务平台统计填写", "件"),
    e(["办事服务", "办件量", "自然人办件量"], "number", "由填报人依政务服务平台统计填写", "件"),
    e(["办事服务", "办件量", "法人办件量"], "number", "由填报人依政务服务平台统计填写", "件"),
    c(["互动交流", "是否使用统一平台"], "bool", "留言、征集调查、在线访谈均在本平台统一办理"),
    c(
      ["互动交流", "留言办理", "收到留言数量"],
      "number",
      "本年度本网站收到的留言（重复件和“我为政府网站找错”平台转来的不计）",
      "条",
    ),
    c(["互动交流", "留言办理", "办结留言数量"], "number", "本年度收到的留言中已答复或已办结的", "条"),
    c(["互动交流", "留言办理", "平均办理时间"], "number", "已办结留言从收到到答复的平均自然日数，保留一位小数", "天"),
    c(["互动交流", "留言办理", "公开答复数量"], "number", "本年度收到的留言中答复已公开（留言选登已发布）的", "条"),
    c(["互动交流", "征集调查", "征集调查期数"], "number", "本网站已发布、截止时间在本年度的征集调查", "期"),
    c(["互动交流", "征集调查", "收到意见数量"], "number", "这些征集调查收到的答卷和意见留言（未通过审核的不计）", "条"),
    c(["互动交流", "征集调查", "公布调查结果期数"], "number", "这些征集调查中结果反馈已发布的", "期"),
    c(["互动交流", "在线访谈", "访谈期数"], "number", "本年度举行并已结束的在线访谈", "期"),
    c(["互动交流", "在线访谈", "网民留言数量"], "number", "这些访谈收到的网民提问", "条"),
    c(["互动交流", "在线访谈", "答复网民提问数量"], "number", "这些访谈中嘉宾作答（未撤回）的网民提问", "条"),
    c(["互动交流", "是否提供智能问答"], "bool", "本年度有发布在本网站栏目的答问（智能问答据此回答）"),
    c(["安全防护", "安全检测评估次数"], "number", "本年度对本网站运行的监测批次（平台监测）", "次"),
    c(["安全防护", "发现问题数量"], "number", "本年度监测首次发现的本网站问题", "个"),
    c(["安全防护", "问题整改数量"], "number", "本年度已整改（复查不再发现或整改单销号）的本网站问题", "个"),
    c(["安全防护", "是否建立安全监测预警机制"], "bool", "本年度平台监测对本网站运行过"),
    e(["安全防护", "是否开展应急演练"], "bool", "由填报人依应急演练记录填写"),
    c(["安全防护", "是否明确网站安全责任人"], "bool", "所属单位已指定第一责任人或直接责任人"),
    c(["移动新媒体", "是否有移动新媒体"], "bool", "所属单位在政务新媒体备案中有在用账号"),
    c(["移动新媒体", "微博", "名称"], "text", "政务新媒体备案中在用的微博账号名称"),
    c(["移动新媒体", "微博", "信息发布量"], "number", "本年度分发到这些微博账号并成功的稿件", "条"),
    e(["移动新媒体", "微博", "关注量"], "number", "由填报人依账号后台填写", "个"),
    c(["移动新媒体", "微信", "名称"], "text", "政务新媒体备案中在用的微信公众号名称"),
    c(["移动新媒体", "微信", "信息发布量"], "number", "本年度分发到这些公众号并成功的稿件", "条"),
    e(["移动新媒体", "微信", "订阅数"], "number", "由填报人依公众号后台填写", "个"),
    c(["移动新媒体", "其他"], "text", "政务新媒体备案中其他平台的在用账号"),
    {
      path: ["创新发展"],
      type: "choices",
      options: INNOVATIONS,
      computed: true,
      source: "网站有站内搜索栏目的勾选搜索即服务，其余由填报人勾选",
    },
    e(["单位负责人"], "text", "签发时填写"),
    e(["审核人"], "text", "签发时填写"),
    e(["填报人"], "text", "签发时填写"),
    e(["联系电话"], "text", "签发时填写"),
    e(["填报日期"], "text", "签发日期"),
  ],
};

const QUARTERS = ["第一季度", "第二季度", "第三季度", "第四季度"] as const;

export const SUPERVISION_ANNUAL: Template = {
  kind: "SUPERVISION_ANNUAL",
  title: "政府网站监管年度报表",
  groups: [
    "网站抽查",
    "安全检查",
    "网站开设整合",
    "“我为政府网站找错”网民留言办理",
    "假冒政府网站处置",
    "人员培训",
    "问责人次",
  ],
  fields: [
    c(["填报单位"], "text", "主管单位名称"),
    ...QUARTERS.map((quarter, index) =>
      c(
        ["网站抽查", "不合格网站数量", quarter],
        "number",
        `本年度第 ${index + 1} 季度检查中不合格（单项否决或低于合格分）的网站`,
        "个",
      ),
    ),
    c(["网站抽查", "不合格网站数量", "全年总数"], "number", "四个季度不合格网站数量之和", "个"),
    c(["网站抽查", "抽查网站数量"], "number", "本年度各季度检查评分的网站（按季度累计）", "个次"),
    c(["安全检查", "检查网站数量"], "number", "本年度平台监测覆盖的网站", "个"),
    c(["安全检查", "发现问题数量"], "number", "本年度监测首次发现的网站问题", "个"),
    c(["安全检查", "整改问题数量"], "number", "本年度已整改的网站问题", "个"),
    c(["网站开设整合", "运行网站数量"], "number", "年末平台上的网站", "个"),
    e(["网站开设整合", "新开设网站数量"], "number", "由填报人依网站开设审批记录填写", "个"),
    e(["网站开设整合", "整合迁移网站数量"], "number", "由填报人依网站整合迁移记录填写", "个"),
    e(["网站开设整合", "关停网站数量"], "number", "由填报人依网站关停记录填写", "个"),
    c(["“我为政府网站找错”网民留言办理", "收到留言数量"], "number", "本年度平台各网站收到的纠错类留言", "条"),
    c(["“我为政府网站找错”网民留言办理", "按期办结数量"], "number", "其中已答复且未超过答复期限的", "条"),
    e(["假冒政府网站处置", "发现假冒网站数量"], "number", "由填报人依处置台账填写", "个"),
    e(["假冒政府网站处置", "处置数量"], "number", "由填报人依处置台账填写", "个"),
    e(["人员培训", "培训次数"], "number", "由填报人依培训记录填写", "次"),
    e(["人员培训", "培训人次"], "number", "由填报人依培训记录填写", "人次"),
    e(["问责人次"], "number", "由填报人依问责通报填写", "人次"),
    e(["单位负责人"], "text", "签发时填写"),
    e(["审核人"], "text", "签发时填写"),
    e(["填报人"], "text", "签发时填写"),
    e(["联系电话"], "text", "签发时填写"),
    e(["填报日期"], "text", "签发日期"),
  ],
};

export const MONTHLY: Template = {
  kind: "MONTHLY",
  title: "网站月度工作报告",
  groups: ["信息发布", "信息报送", "互动交流", "监管整改"],
  fields: [
    c(["网站名称"], "text", "网站设置：网站名称"),
    c(["信息发布", "发布信息数量"], "number", "本月首次发布、放置在本网站栏目中的稿件", "条"),
    c(["信息发布", "政务动态信息更新量"], "number", "其中栏目按监测规则属“动态要闻类”的", "条"),
    c(["信息发布", "政策解读数量"], "number", "其中的政策解读", "条"),
    c(["信息报送", "本单位报送数量"], "number", "本月本单位向其他网站报送的稿件（含已撤回）", "条"),
    c(["信息报送", "本单位被采用数量"], "number", "本单位报送、本月被采用（含编辑后采用）的稿件", "条"),
    c(["信息报送", "收到来稿数量"], "number", "本月其他单位向本网站报送的稿件", "条"),
    c(["信息报送", "采用来稿数量"], "number", "本月本网站采用（含编辑后采用）的来稿", "条"),
    c(["互动交流", "收到留言数量"], "number", "本月本网站收到的留言（重复件不计）", "条"),
    c(["互动交流", "办结留言数量"], "number", "本月答复的留言", "条"),
    c(["互动交流", "征集调查期数"], "number", "本月开始征集的征集调查", "期"),
    c(["互动交流", "在线访谈期数"], "number", "本月开始的在线访谈", "期"),
    c(["监管整改", "发现问题数量"], "number", "本月监测首次发现的本网站问题", "个"),
    c(["监管整改", "整改问题数量"], "number", "本月已整改的本网站问题", "个"),
    c(["监管整改", "新立整改单数量"], "number", "本月对本网站立的整改单", "张"),
    c(["监管整改", "销号整改单数量"], "number", "本月销号的本网站整改单", "张"),
    e(["单位负责人"], "text", "签发时填写"),
    e(["审核人"], "text", "签发时填写"),
    e(["填报人"], "text", "签发时填写"),
    e(["联系电话"], "text", "签发时填写"),
    e(["填报日期"], "text", "签发日期"),
  ],
};

export const TEMPLATES: Record<ReportKindCode, Template> = { WEBSITE_ANNUAL, SUPERVISION_ANNUAL, MONTHLY };

/** The sign-off fields (the template's footer): entered once, at sign-off. */
export const SIGN_OFF_FIELDS = ["单位负责人", "审核人", "填报人", "联系电话", "填报日期"] as const;

/** A field's key: its path joined by “/”. */
export const fieldKey = (field: Pick<FieldDef, "path">) => field.path.join("/");

export function findField(template: Template, key: string): FieldDef | undefined {
  return template.fields.find((field) => fieldKey(field) === key);
}

export const isSignOffField = (field: FieldDef) =>
  field.path.length === 1 && (SIGN_OFF_FIELDS as readonly string[]).includes(field.path[0]!);

/** The fields shown in a group (header fields have no group: their group is ""). */
export function fieldsOfGroup(template: Template, group: string): FieldDef[] {
  return template.fields.filter((field) =>
    group === ""
      ? field.path.length === 1 && !template.groups.includes(field.path[0]!) && !isSignOffField(field)
      : field.path[0] === group,
  );
}
