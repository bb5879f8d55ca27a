import type { TextBlock } from "@/lib/library/content";
import type { Random } from "@/lib/seed/sample-images";

// Words of the sample content. Every sample item's title starts with SAMPLE_MARK and its body with
// SAMPLE_NOTE, so no visitor mistakes it for real information. The texts are generic descriptions
// of routine government work: no real event, person, figure or document is named.

export const SAMPLE_MARK = "【示例】";
export const SAMPLE_NOTE = "（本文为演示平台的示例内容，不是真实信息。）";

export function sampleTitle(title: string): string {
  return `${SAMPLE_MARK}${title}`;
}

export const DEPARTMENTS = [
  "区发展改革委",
  "区教委",
  "区科技局",
  "区民政局",
  "区人力社保局",
  "区生态环境局",
  "区住房城乡建委",
  "区交通局",
  "区卫生健康委",
  "区应急局",
  "区市场监管局",
  "区城市管理局",
] as const;

export const CULTURE_UNITS = [
  "公共服务处",
  "产业发展处",
  "资源开发处",
  "市场管理处",
  "宣传推广处",
  "科技教育处",
] as const;

const NEWS_ACTIONS = [
  "召开专题会议部署年度重点工作",
  "开展政策宣讲进社区活动",
  "推进政务服务事项“一网通办”",
  "组织开展安全隐患排查整治",
  "举办业务能力提升培训",
  "召开工作推进会听取进展情况",
  "开展“我为群众办实事”走访调研",
  "推进民生项目建设提质增效",
  "组织志愿服务进街道活动",
  "开展营商环境问题收集和办理",
  "部署汛期安全防范工作",
  "召开座谈会听取企业意见建议",
] as const;

const CULTURE_ACTIONS = [
  "举办公共文化服务示范活动",
  "开展文旅市场安全检查",
  "推进乡村旅游提质升级",
  "组织非遗传承展示活动",
  "召开文旅融合发展座谈会",
  "开展文化惠民演出进基层",
  "部署节假日文旅市场服务保障",
  "推进智慧旅游平台建设",
] as const;

const NOTICE_SUBJECTS = [
  "关于开展年度统计数据报送工作的通知",
  "关于调整政务服务中心窗口服务时间的公告",
  "关于公开征求意见的公告",
  "关于开展安全生产检查的通知",
  "关于做好节假日期间值班工作的通知",
  "关于组织申报专项扶持资金的通知",
  "关于开展政务公开专项培训的通知",
  "关于公示拟推荐名单的公告",
  "关于暂停部分道路通行的通告",
  "关于开展志愿者招募的公告",
] as const;

export const POLICY_SUBJECTS = [
  { title: "关于进一步优化政务服务的实施意见", genre: "意见" },
  { title: "关于加强社区养老服务工作的通知", genre: "通知" },
  { title: "关于印发政务公开工作要点的通知", genre: "通知" },
  { title: "关于推进老旧小区改造的实施方案", genre: "其他" },
  { title: "关于支持中小企业发展的若干措施", genre: "其他" },
  { title: "关于加强生态环境保护工作的意见", genre: "意见" },
  { title: "关于做好就业创业服务工作的通知", genre: "通知" },
  { title: "关于规范行政执法工作的规定", genre: "规定" },
  { title: "关于促进全民健身事业发展的实施意见", genre: "意见" },
  { title: "关于加强城市精细化管理的办法", genre: "办法" },
] as const;

/** A date-free sentence or two about routine work, from the unit's point of view. */
function workParagraph(random: Random, unit: string): string {
  const openings = [
    `${unit}围绕年度目标任务，细化工作措施，明确责任分工和完成时限。`,
    `${unit}坚持以人民为中心，把群众关心的问题作为工作重点。`,
    `${unit}结合工作实际，统筹推进各项任务落实。`,
  ];
  const middles = [
    "会议要求，各相关单位要加强协调配合，及时研究解决工作中遇到的问题，确保各项任务按期完成。",
    "活动通过现场讲解、发放资料、答疑解惑等方式，帮助群众了解相关政策和办事流程。",
    "下一步，将持续跟踪工作进展，定期通报情况，推动各项措施落地见效。",
    "工作中注重听取群众和企业意见，不断改进服务方式，提升办事便利度。",
  ];
  return `${openings[Math.floor(random() * openings.length)]}${middles[Math.floor(random() * middles.length)]}`;
}

export function newsTitle(index: number, unit: string, culture: boolean): string {
  const actions = culture ? CULTURE_ACTIONS : NEWS_ACTIONS;
  return sampleTitle(`${unit}${actions[index % actions.length]}`);
}

export function noticeTitle(index: number, issuer: string): string {
  return sampleTitle(`${issuer}${NOTICE_SUBJECTS[index % NOTICE_SUBJECTS.length]}`);
}

/** A news item's body: the note, three paragraphs. */
export function newsBody(random: Random, unit: string): TextBlock[] {
  return [
    { type: "paragraph", text: SAMPLE_NOTE },
    { type: "paragraph", text: workParagraph(random, unit) },
    { type: "paragraph", text: workParagraph(random, unit) },
    { type: "paragraph", text: workParagraph(random, unit) },
  ];
}

export function noticeBody(random: Random, issuer: string, contact: string): TextBlock[] {
  return [
    { type: "paragraph", text: SAMPLE_NOTE },
    { type: "paragraph", text: "各有关单位：" },
    { type: "paragraph", text: workParagraph(random, issuer) },
    { type: "heading", level: 2, text: "一、工作内容" },
    { type: "paragraph", text: "按照有关规定和工作安排，认真组织实施，做好宣传解释和服务保障工作。" },
    { type: "heading", level: 2, text: "二、工作要求" },
    { type: "paragraph", text: "各单位要高度重视，明确专人负责，按时报送工作情况。" },
    { type: "paragraph", text: `联系方式：${contact}` },
    { type: "paragraph", text: issuer },
  ];
}

export function policyBody(random: Random, issuer: string, subject: string): TextBlock[] {
  return [
    { type: "paragraph", text: SAMPLE_NOTE },
    { type: "paragraph", text: "各街道办事处、镇人民政府，区政府各部门，有关单位：" },
    {
      type: "paragraph",
      text: `为${subject.replace(/^关于/, "").replace(/的.*$/, "")}，结合本地实际，制定本文件。`,
    },
    { type: "heading", level: 2, text: "一、总体要求" },
    { type: "paragraph", text: workParagraph(random, issuer) },
    { type: "heading", level: 2, text: "二、主要任务" },
    { type: "paragraph", text: workParagraph(random, issuer) },
    { type: "heading", level: 2, text: "三、保障措施" },
    { type: "paragraph", text: "加强组织领导，强化督促检查，做好政策宣传解读，及时回应社会关切。" },
    { type: "paragraph", text: "本文件自印发之日起施行。" },
  ];
}

export function interpretationBody(policyTitle: string): TextBlock[] {
  return [
    { type: "paragraph", text: SAMPLE_NOTE },
    { type: "heading", level: 2, text: "一、制定背景" },
    { type: "paragraph", text: `为便于公众理解《${policyTitle}》，现就文件的主要内容解读如下。` },
    { type: "heading", level: 2, text: "二、主要内容" },
    { type: "paragraph", text: "文件明确了工作目标、主要任务和保障措施，对相关单位的职责分工作出了规定。" },
    { type: "heading", level: 2, text: "三、适用对象" },
    { type: "paragraph", text: "文件适用于本行政区域内的有关单位、企业和群众。" },
    { type: "heading", level: 2, text: "四、解读机关及联系方式" },
    { type: "paragraph", text: "解读机关：文件起草单位。咨询电话见本站“联系我们”。" },
  ];
}

export type SampleLeader = { name: string; post: string; duties: string };

/** Invented names in the 某某 form, each marked 示例. */
export const DISTRICT_LEADERS: SampleLeader[] = [
  { name: "王某某（示例）", post: "区委副书记、区长", duties: "主持区政府全面工作。" },
  {
    name: "李某某（示例）",
    post: "区委常委、常务副区长",
    duties: "负责区政府常务工作，分管发展改革、财政、审计、统计等方面工作。",
  },
  { name: "张某某（示例）", post: "副区长", duties: "负责教育、卫生健康、民政、人力社保等方面工作。" },
  { name: "陈某某（示例）", post: "副区长", duties: "负责住房城乡建设、交通、城市管理、生态环境等方面工作。" },
  { name: "刘某某（示例）", post: "副区长", duties: "负责科技、商务、市场监管、应急管理等方面工作。" },
  { name: "杨某某（示例）", post: "区政府党组成员", duties: "协助区长负责政务服务、政务公开等方面工作。" },
];

export const CULTURE_LEADERS: SampleLeader[] = [
  { name: "赵某某（示例）", post: "党组书记、主任", duties: "主持委员会全面工作。" },
  { name: "孙某某（示例）", post: "副主任", duties: "负责公共文化服务、非物质文化遗产保护等方面工作。" },
  { name: "周某某（示例）", post: "副主任", duties: "负责文化旅游产业发展、市场管理等方面工作。" },
  { name: "吴某某（示例）", post: "副主任", duties: "负责宣传推广、对外交流等方面工作。" },
];

/** A leader's 简历 (the body of a LEADER item): generic, no real career. */
export function leaderBody(leader: SampleLeader): TextBlock[] {
  return [
    { type: "paragraph", text: SAMPLE_NOTE },
    { type: "paragraph", text: `${leader.name}，${leader.post}。` },
    { type: "paragraph", text: "示例简历：大学学历，长期从事基层管理和公共服务工作，先后在多个部门任职。" },
  ];
}

/** 机构职能: one unit's 主要职责, 内设机构, 办公地址 and 办公时间 (all illustrative). */
export function institutionBody(unit: string, duty: string): TextBlock[] {
  return [
    { type: "paragraph", text: SAMPLE_NOTE },
    { type: "heading", level: 2, text: "主要职责" },
    { type: "paragraph", text: `${unit}负责${duty}，贯彻执行有关法律法规和政策，拟订并组织实施本领域的规划和措施。` },
    { type: "heading", level: 2, text: "内设机构" },
    { type: "paragraph", text: "办公室、政策法规科、业务科、综合服务科（示例）。" },
    { type: "heading", level: 2, text: "办公时间" },
    { type: "paragraph", text: "工作日 9:00—12:00，14:00—18:00（法定节假日除外）。" },
  ];
}

export const DEPARTMENT_DUTIES: Record<(typeof DEPARTMENTS)[number], string> = {
  区发展改革委: "国民经济和社会发展规划、重大项目统筹协调",
  区教委: "教育事业发展和各类学校管理",
  区科技局: "科技创新和科技成果转化服务",
  区民政局: "社会救助、养老服务和社区治理",
  区人力社保局: "就业创业、社会保险和劳动关系",
  区生态环境局: "生态环境保护和污染防治监督",
  区住房城乡建委: "城乡建设、住房保障和建筑市场监管",
  区交通局: "道路交通建设和运输行业管理",
  区卫生健康委: "医疗卫生服务和公共卫生管理",
  区应急局: "应急管理、安全生产综合监管和防灾减灾",
  区市场监管局: "市场主体登记、质量安全和市场秩序监管",
  区城市管理局: "市容环境、市政设施和城市综合执法",
};
