// The national framework 《政府网站与政务新媒体检查指标》 (国办秘函〔2019〕19号) as the platform seeds it;
// the supervising unit edits it afterwards (lib/supervision/framework.ts). The veto lines are the
// 2019 text; the 2019 扣分 (100) and 加分 (30) items and points were not retrieved, so the lines
// below follow the 2015 评分表's groups and local schemes (信息发布, 解读回应, 办事服务, 互动交流,
// 功能设计) with default points — defaults, not rules (domain notes 1.1–1.3, marked [I]).

export type FrameworkLine = {
  code: string;
  target: "WEBSITE" | "NEW_MEDIA";
  part: "VETO" | "DEDUCTION" | "BONUS";
  category: string;
  name: string;
  rule: string;
  points: number;
  checkNames: string[];
};

const website = (
  code: string,
  part: FrameworkLine["part"],
  category: string,
  name: string,
  rule: string,
  points = 0,
  checkNames: string[] = [],
): FrameworkLine => ({ code, target: "WEBSITE", part, category, name, rule, points, checkNames });

const account = (
  code: string,
  part: FrameworkLine["part"],
  category: string,
  name: string,
  rule: string,
  points = 0,
  checkNames: string[] = [],
): FrameworkLine => ({ code, target: "NEW_MEDIA", part, category, name, rule, points, checkNames });

export const NATIONAL_FRAMEWORK: readonly FrameworkLine[] = [
  // 单项否决 — websites (2019 text).
  website(
    "W-V1",
    "VETO",
    "单项否决",
    "安全、泄密事故等严重问题",
    "出现严重表述错误；泄露国家秘密；发布或链接反动、暴力、色情等内容；对安全攻击没有及时有效处置造成严重安全事故；存在弄虚作假行为（如伪造发稿日期等）；因网站建设管理工作不当引发严重负面舆情。",
    0,
    ["site.content-serious"],
  ),
  website(
    "W-V2",
    "VETO",
    "单项否决",
    "站点无法访问",
    "监测 1 周，每天间隔性访问 20 次以上，超过（含）15 秒仍打不开的次数累计占比超过（含）5%。",
    0,
    ["site.availability"],
  ),
  website(
    "W-V3",
    "VETO",
    "单项否决",
    "首页不更新",
    "监测 2 周首页无信息更新；首页仅为栏目导航入口的，所有二级页面无信息更新。",
    0,
    ["site.home-stale"],
  ),
  website(
    "W-V4",
    "VETO",
    "单项否决",
    "栏目不更新",
    "前 2 周内的动态、要闻类栏目及前 6 个月内的通知公告、政策文件类一级栏目累计超过（含）5 个未更新；应更新但长期未更新的栏目超过（含）10 个；空白栏目超过（含）5 个。未注明发布时间的视为不更新。",
    0,
    ["site.columns-stale", "site.columns-long-stale", "site.columns-blank"],
  ),
  website(
    "W-V5",
    "VETO",
    "单项否决",
    "互动回应差",
    "未提供网上有效咨询建言渠道；前 1 年内政务咨询类栏目存在超过 3 个月未回应的有效留言。",
    0,
    ["site.interaction-unanswered", "site.interaction-channel"],
  ),
  website(
    "W-V6",
    "VETO",
    "单项否决",
    "服务不实用",
    "未提供办事服务；办事指南重点要素缺失 4 类及以上的事项超过（含）5 个（无对外服务职能的部门不检查）。",
  ),
  // 扣分指标 — websites, 100 points [I].
  website("W-D1", "DEDUCTION", "网站可用性", "链接可用性", "首页及内容页存在错链、断链。", 5, ["site.links"]),
  website("W-D2", "DEDUCTION", "信息发布", "概况信息", "概况、机构职能、负责人信息缺失或未及时调整。", 5),
  website(
    "W-D3",
    "DEDUCTION",
    "信息发布",
    "政务动态",
    "网站未做到每日更新（渝府办发〔2019〕63号及本地要求），要闻、动态信息转载发布不及时。",
    10,
    ["site.daily-update"],
  ),
  website("W-D4", "DEDUCTION", "信息发布", "信息公开", "政府信息公开指南、目录、年报缺失或未按时更新。", 10),
  website("W-D5", "DEDUCTION", "信息发布", "文件资料", "政策文件修改、废止、失效未在原文件上作出明确标注。", 10),
  website("W-D6", "DEDUCTION", "信息发布", "数据发布", "统计数据、财政数据等未按要求发布。", 5),
  website("W-D7", "DEDUCTION", "解读回应", "政策解读", "重要政策文件未同步发布解读，或解读与文件未相互关联。", 10),
  website("W-D8", "DEDUCTION", "解读回应", "回应关切", "对社会关注热点未及时回应。", 5),
  website("W-D9", "DEDUCTION", "办事服务", "办事指南", "办事指南要素不全、不准确，附件无法下载。", 10),
  website("W-D10", "DEDUCTION", "办事服务", "在线办理", "在线办理入口无法使用或未与政务服务平台对接。", 5),
  website("W-D11", "DEDUCTION", "互动交流", "留言办理", "留言办理不及时，未公开受理反馈情况。", 10),
  website("W-D12", "DEDUCTION", "互动交流", "征集调查与在线访谈", "征集调查、在线访谈未按要求开展或未公布结果。", 5),
  website("W-D13", "DEDUCTION", "功能设计", "搜索功能", "站内搜索无法使用或结果不准确。", 5),
  website("W-D14", "DEDUCTION", "功能设计", "个人信息保护", "发布的信息中含有身份证号码、手机号码等个人信息。", 5, [
    "site.content-privacy",
  ]),
  // 加分指标 — websites, 30 points [I].
  website("W-B1", "BONUS", "创新发展", "集约化与信息同源", "内容统一入库、一次审核多端分发，与政务新媒体同源同步。", 5),
  website("W-B2", "BONUS", "创新发展", "搜索即服务", "搜索结果直达服务事项、政策问答。", 5),
  website("W-B3", "BONUS", "创新发展", "智能问答", "提供智能问答，24 小时在线解答。", 5),
  website("W-B4", "BONUS", "创新发展", "无障碍与适老化", "提供无障碍浏览、长者模式。", 5),
  website("W-B5", "BONUS", "创新发展", "互动时效", "网民留言 1 个工作日内回复。", 5),
  website("W-B6", "BONUS", "创新发展", "特色应用", "便民数字地图、政策精准推送等特色应用。", 5),
  // 单项否决 — 政务新媒体.
  account(
    "M-V1",
    "VETO",
    "单项否决",
    "安全、泄密问题",
    "出现严重表述错误、泄露国家秘密、发布或链接反动暴力色情内容，账号被盗用或被恶意篡改。",
  ),
  account("M-V2", "VETO", "单项否决", "内容不更新", "监测时间点前 2 周内无更新。", 0, ["account.stale"]),
  account("M-V3", "VETO", "单项否决", "互动回应差", "未提供有效互动功能。", 0, ["account.interaction"]),
  // 扣分指标 — 政务新媒体, 100 points [I].
  account("M-D1", "DEDUCTION", "内容更新", "更新频率", "每周更新少于 3 次（渝府办发〔2019〕63号）。", 30, [
    "account.weekly-updates",
  ]),
  account("M-D2", "DEDUCTION", "功能设计", "功能无法使用", "菜单、链接、服务功能无法正常使用。", 20),
  account("M-D3", "DEDUCTION", "互动回应", "留言回复", "对公众留言未及时有效回复。", 20),
  account("M-D4", "DEDUCTION", "协同联动", "与政府网站联动", "未与政府网站实现内容同源、互动同步。", 15),
  account("M-D5", "DEDUCTION", "规范管理", "备案与认证", "未备案、未认证，名称或简介不规范。", 15),
  // 加分指标 — 政务新媒体, 30 points [I].
  account("M-B1", "BONUS", "创新发展", "原创优质内容", "原创解读、图解、音视频等产品传播效果好。", 10),
  account("M-B2", "BONUS", "创新发展", "服务功能", "提供办事服务、查询等实用功能。", 10),
  account("M-B3", "BONUS", "创新发展", "互动效能", "留言 1 个工作日内回复，互动活跃。", 10),
];
