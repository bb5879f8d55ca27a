import type { TextBlock } from "@/lib/library/content";
import type { Random } from "@/lib/seed/sample-images";
import { SAMPLE_NOTE } from "@/lib/seed/sample-text";

// Texts of the sample single pages and of the 政府信息公开 catalogue's fixed items: the 指南
// (《政府信息公开条例》第二十二条), 依申请公开 (第二十七至三十三条), the annual report (第四十九、
// 五十条), and the site's footer pages. Figures in them are illustrative and marked so.

const heading = (text: string): TextBlock => ({ type: "heading", level: 2, text });
const paragraph = (text: string): TextBlock => ({ type: "paragraph", text });

export function guideBody(unit: string, contact: string): TextBlock[] {
  return [
    paragraph(SAMPLE_NOTE),
    paragraph(
      `为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。需要获得${unit}政府信息公开服务的公民、法人和其他组织，可以阅读本指南。`,
    ),
    heading("一、主动公开"),
    paragraph(
      "公开范围：机构职能、规范性文件、规划信息、财政预决算、重大项目等《条例》第二十条、第二十一条规定的政府信息。",
    ),
    paragraph("公开方式：通过本网站“政府信息公开”专栏、政务新媒体、政府公报等途径公开。"),
    paragraph("公开时限：属于主动公开范围的政府信息，自形成或者变更之日起 20 个工作日内予以公开。"),
    heading("二、依申请公开"),
    paragraph("申请人可以通过本网站“依申请公开”栏目了解申请方式，提交书面申请或网上申请。"),
    paragraph(
      "办理时限：能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20 个工作日内答复；需要延长的，经负责人同意可延长不超过 20 个工作日。",
    ),
    heading("三、收费"),
    paragraph(
      "行政机关依申请提供政府信息，不收取费用；申请人申请数量、频次明显超过合理范围的，可以依法收取信息处理费。",
    ),
    heading("四、监督和救济"),
    paragraph(
      "公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。",
    ),
    paragraph(`联系方式：${contact}`),
  ];
}

export function applyBody(unit: string, contact: string): TextBlock[] {
  return [
    paragraph(SAMPLE_NOTE),
    paragraph(
      `除${unit}主动公开的政府信息外，公民、法人或者其他组织可以向本机关申请获取相关政府信息（《中华人民共和国政府信息公开条例》第二十七条）。`,
    ),
    heading("一、申请方式"),
    paragraph(
      "网上申请：点击本栏目的“在线申请”填写政府信息公开申请表并上传身份证明，提交后凭申请编号和查询密码在“查询办理进度”中查看办理状态、答复期限和答复告知书。",
    ),
    paragraph(`书面申请：填写政府信息公开申请表，当面提交或邮寄至受理机构。${contact}`),
    heading("二、申请内容"),
    paragraph(
      "申请书应当包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；申请公开的政府信息的形式要求。",
    ),
    heading("三、答复期限"),
    paragraph(
      "能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起 20 个工作日内予以答复；需要延长答复期限的，经负责人同意并告知申请人，延长期限最长不超过 20 个工作日。征求第三方意见所需时间不计算在内。",
    ),
  ];
}

export function rulesBody(title: string): TextBlock[] {
  return [
    paragraph(SAMPLE_NOTE),
    paragraph(`为规范${title.replace(/^【示例】/, "").replace(/制度$/, "")}工作，根据有关规定，制定本制度。`),
    heading("一、职责分工"),
    paragraph("政务公开工作机构负责组织协调、指导推进和监督检查，各业务科室负责本科室信息的收集、审核和报送。"),
    heading("二、工作程序"),
    paragraph("拟公开的政府信息，经起草科室审核、保密审查后，按程序报批并在规定时限内公开。"),
    heading("三、监督检查"),
    paragraph("定期对政务公开工作进行检查，发现问题及时整改。"),
  ];
}

/** An annual report in the six parts of 《条例》第五十条, with illustrative figures. */
export function annualReportBody(random: Random, unit: string, year: number): TextBlock[] {
  const count = (low: number, high: number) => String(low + Math.floor(random() * (high - low)));
  return [
    paragraph(SAMPLE_NOTE),
    paragraph(
      `本报告根据《中华人民共和国政府信息公开条例》编制，反映${year}年${unit}政府信息公开工作情况。报告中的数据为示例数据。`,
    ),
    heading("一、总体情况"),
    paragraph(
      `${year}年，主动公开政府信息 ${count(800, 1600)} 条，其中政策文件 ${count(20, 60)} 件、政策解读 ${count(15, 50)} 件。`,
    ),
    heading("二、主动公开政府信息情况"),
    paragraph(`制发规范性文件 ${count(5, 20)} 件，废止 ${count(0, 5)} 件；行政许可处理决定 ${count(1000, 5000)} 件。`),
    heading("三、收到和处理政府信息公开申请情况"),
    paragraph(`收到政府信息公开申请 ${count(20, 120)} 件，均在法定期限内答复。`),
    heading("四、政府信息公开行政复议、行政诉讼情况"),
    paragraph(`因政府信息公开被申请行政复议 ${count(0, 4)} 件、提起行政诉讼 ${count(0, 3)} 件。`),
    heading("五、存在的主要问题及改进情况"),
    paragraph("政策解读形式还不够丰富，部分栏目更新不够及时。下一步将加强统筹，提升公开质量。"),
    heading("六、其他需要报告的事项"),
    paragraph("本年度未收取信息处理费。"),
  ];
}

export function planBody(random: Random, title: string): TextBlock[] {
  return [
    paragraph(SAMPLE_NOTE),
    paragraph(`${title.replace(/^【示例】/, "")}的主要内容如下（示例）。`),
    heading("一、基本情况"),
    paragraph(`项目（事项）涉及 ${1 + Math.floor(random() * 9)} 个方面，由相关部门按职责分工负责实施。`),
    heading("二、进展情况"),
    paragraph("各项工作按计划推进，阶段性目标基本完成，后续将按程序公开有关情况。"),
  ];
}

export type SinglePage = { slug: string; title: string; blocks: TextBlock[] };

export function footerPages(siteName: string, unit: string, contact: string, siteCode: string): SinglePage[] {
  return [
    {
      slug: "gybz",
      title: "关于本站",
      blocks: [
        paragraph(SAMPLE_NOTE),
        paragraph(`${siteName}网站由${unit}主办，是发布政府信息、提供在线服务、与公众互动交流的平台。`),
        paragraph(`网站标识码：${siteCode}。`),
      ],
    },
    {
      slug: "lxwm",
      title: "联系我们",
      blocks: [
        paragraph(SAMPLE_NOTE),
        paragraph(`主办单位：${unit}`),
        paragraph(`联系方式：${contact}`),
        paragraph("办公时间：工作日 9:00—12:00，14:00—18:00（法定节假日除外）。"),
      ],
    },
    {
      slug: "wzsm",
      title: "网站声明",
      blocks: [
        paragraph(SAMPLE_NOTE),
        heading("版权声明"),
        paragraph("本网站发布的信息，除注明转载的外，版权归主办单位所有。转载请注明来源。"),
        heading("免责声明"),
        paragraph("本网站链接的外部网站，其内容由相应网站负责，本网站不承担责任。"),
        heading("隐私声明"),
        paragraph("本网站依法保护用户个人信息，不向第三方提供，法律法规另有规定的除外。"),
      ],
    },
    {
      slug: "sybz",
      title: "使用帮助",
      blocks: [
        paragraph(SAMPLE_NOTE),
        paragraph("建议使用最新版本的主流浏览器访问本网站。"),
        paragraph("页面顶部的无障碍工具条提供放大字号、高对比度等辅助功能。"),
        paragraph("在页面顶部的搜索框输入关键词，可检索本站信息和办事服务。"),
      ],
    },
  ];
}

export function overviewBody(): TextBlock[] {
  return [
    paragraph(SAMPLE_NOTE),
    heading("区情概况"),
    paragraph("本页介绍辖区的地理位置、行政区划、人口和经济社会发展基本情况。演示平台中的内容为示例文字。"),
    heading("行政区划"),
    paragraph("辖区下设若干街道和镇，具体区划信息以民政部门公布为准。"),
    heading("发展定位"),
    paragraph("围绕高质量发展目标，统筹推进科技创新、城市更新和民生改善。"),
  ];
}
