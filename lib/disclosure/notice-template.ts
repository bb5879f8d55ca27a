import type { DisclosureAnswerType } from "@/lib/db/generated/enums";
import type { TextBlock } from "@/lib/library/content";
import { formatChineseDay } from "@/lib/time/china";
import { reportRowOf } from "@/lib/disclosure/answer-types";
import { disclosureMessages } from "@/lib/i18n/zh-CN-disclosure";

// The 告知书 drafted from a template per answer type (条例第三十六条 to 第三十九条): the request
// restated, the decision with its legal basis, the handler's facts and reasons, the form of
// delivery, and the remedies (行政复议法: 60 days; 行政诉讼法: 6 months). Pure: the draft becomes a
// library revision (lib/disclosure/answer-steps.ts) and the docx and HTML are rendered from it.

const WITHHELD_REASONS: Partial<Record<DisclosureAnswerType, string>> = {
  WITHHELD_STATE_SECRET: "属于国家秘密",
  WITHHELD_LAW_PROHIBITS: "属于法律、行政法规禁止公开的政府信息",
  WITHHELD_SAFETY_STABILITY: "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
  WITHHELD_THIRD_PARTY: "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
  WITHHELD_INTERNAL_AFFAIRS: "属于人事管理、后勤管理、内部工作流程等方面的内部事务信息",
  WITHHELD_PROCESS_INFO: "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息",
  WITHHELD_ENFORCEMENT_FILE: "属于行政执法案卷信息",
  WITHHELD_INQUIRY_MATTER: "属于法律、行政法规对信息的获取有特别规定、需通过专门途径查询的事项",
};

export type NoticeFacts = {
  applicantName: string;
  trackingCode: string;
  /** China days. */
  receivedOn: string;
  correctedOn: string | null;
  extendedDays: number;
  consulted: string[];
  infoTitle: string;
  infoNumber: string | null;
  mediumWanted: string;
  deliveryWanted: string;
  answerType: DisclosureAnswerType;
  body: string;
  referTo: string | null;
};

function decision(facts: NoticeFacts): string {
  const row = reportRowOf(facts.answerType);
  const basis = `根据${row.legalBasis}的规定`;
  const refer = facts.referTo ? `经了解，您可以向${facts.referTo}咨询或申请。` : "";
  switch (facts.answerType) {
    case "PUBLIC":
      return `经审查，您申请获取的政府信息属于公开范围，${basis}，本机关予以公开。`;
    case "PARTIAL":
      return `经审查，您申请获取的政府信息中有部分内容不应当公开，且能够作区分处理。${basis}，本机关向您提供可以公开的部分，对不予公开的部分说明理由如下。`;
    case "UNAVAILABLE_NOT_HELD":
      return `经检索，本机关未制作或获取您申请的政府信息，${basis}，告知您该政府信息不存在或不属于本机关负责公开。${refer}`;
    case "UNAVAILABLE_NEEDS_CREATION":
      return `经审查，您申请获取的信息需要本机关对现有政府信息进行加工、分析后另行制作，${basis}，本机关不予提供。`;
    case "UNAVAILABLE_UNCLEAR":
      return `本机关已向您发出补正告知，经补正后您的申请内容仍不明确，无法确定所需政府信息，${basis}，本机关无法提供。`;
    case "NOT_PROCESSED_PETITION":
      return `经审查，您以政府信息公开申请的形式提出的事项属于信访、投诉、举报等诉求，${basis}，不作为政府信息公开申请处理。${refer || "您可以通过信访等渠道依法提出。"}`;
    case "NOT_PROCESSED_REPEAT":
      return `经审查，您申请获取的政府信息本机关已向您作出过答复，您重复申请相同的政府信息，${basis}，本机关不予重复处理。`;
    case "NOT_PROCESSED_PUBLICATION":
      return `经审查，您要求提供的是公开出版物，${basis}，本机关不作为政府信息公开申请处理。${refer || "您可以通过公开发行渠道获取。"}`;
    case "NOT_PROCESSED_EXCESSIVE":
      return `经审查，您在一定期限内大量、反复申请政府信息公开且未能说明正当理由，${basis}，本机关不予处理。`;
    case "NOT_PROCESSED_CONFIRMATION":
      return `经审查，您要求本机关确认或者重新出具您已获取的信息，${basis}，本机关不作为政府信息公开申请处理。`;
    case "OTHER_NO_CORRECTION":
      return `本机关已向您发出补正告知，您无正当理由逾期未补正，${basis}，您的申请视为放弃，本机关不再处理。`;
    case "OTHER_FEE_UNPAID":
      return `本机关已向您发出收费通知，您逾期未按要求缴纳信息处理费，${basis}，本机关不再处理您的申请。`;
    case "OTHER":
      return `经审查，${basis}，本机关对您的申请作如下处理。`;
    default: {
      const reason = WITHHELD_REASONS[facts.answerType] ?? "属于不予公开的范围";
      return `经审查，您申请获取的政府信息${reason}，${basis}，本机关不予公开。`;
    }
  }
}

/** The 告知书's title and body blocks (the 落款 and 成文日期 are the answer's, added on rendering). */
export function draftNotice(facts: NoticeFacts): { title: string; blocks: TextBlock[] } {
  const wanted = `“${facts.infoTitle}”${facts.infoNumber ? `（${facts.infoNumber}）` : ""}`;
  const history = [
    `本机关于${formatChineseDay(facts.receivedOn)}收到您提出的政府信息公开申请（申请编号：${facts.trackingCode}），申请获取${wanted}。`,
    facts.correctedOn ? `经补正，本机关于${formatChineseDay(facts.correctedOn)}收到您补正后的申请。` : "",
    facts.consulted.length ? `本机关依法征求了${facts.consulted.join("、")}的意见。` : "",
    facts.extendedDays
      ? `经本机关政府信息公开工作机构负责人同意，答复期限延长 ${facts.extendedDays} 个工作日，并已告知您。`
      : "",
    "现答复如下：",
  ].join("");
  const provides = facts.answerType === "PUBLIC" || facts.answerType === "PARTIAL";
  const blocks: TextBlock[] = [
    { type: "paragraph", text: `${facts.applicantName}：` },
    { type: "paragraph", text: history },
    { type: "paragraph", text: decision(facts) },
    ...facts.body
      .split(/\n+/)
      .map((text) => text.trim())
      .filter(Boolean)
      .map((text) => ({ type: "paragraph" as const, text })),
    ...(provides
      ? [
          {
            type: "paragraph" as const,
            text: `根据您的申请，本机关以${facts.mediumWanted}形式、通过${facts.deliveryWanted}方式向您提供上述信息。`,
          },
        ]
      : []),
    { type: "paragraph", text: disclosureMessages.notice.remedies },
  ];
  return { title: disclosureMessages.notice.title, blocks };
}
