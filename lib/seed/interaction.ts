import type { Tx } from "@/lib/db/client";
import type { InteractionCategory } from "@/lib/db/generated/client";

// The demo sites' message types (政民互动). Time limits are the defaults of the rules gathered in
// docs (受理 1 working day; 咨询 5, 投诉/建议 7 working days, up to 15 with an extension; 网站纠错 48
// hours, as 晋城 requires): each is configurable per type.

type TypeSeed = {
  code: string;
  name: string;
  category: InteractionCategory;
  description: string;
  replyWorkingDays?: number;
  replyHours?: number;
};

const COMMON: TypeSeed[] = [
  {
    code: "consult",
    name: "咨询",
    category: "CONSULT",
    description: "咨询政策规定、办事流程和有关事项，由办理单位在答复期限内作出答复。",
    replyWorkingDays: 5,
  },
  {
    code: "complaint",
    name: "投诉",
    category: "COMPLAINT",
    description: "反映行政机关及其工作人员的工作作风、服务质量等问题，请写明具体时间、地点和经过。",
    replyWorkingDays: 7,
  },
  {
    code: "suggestion",
    name: "建议",
    category: "SUGGESTION",
    description: "对本地经济社会发展和政府工作提出意见建议。",
    replyWorkingDays: 7,
  },
  {
    code: "correction",
    name: "网站纠错",
    category: "CORRECTION",
    description: "报告本网站的错别字、错误链接、内容过时、页面无法访问等问题，请写明出错页面的网址。",
    replyHours: 48,
  },
];

type SiteTypes = {
  siteCode: string;
  unit: string;
  correctionUnit: string;
  /** Who approves the replies: the district's 直接责任人; the commission's 信息主管 (seed 004). */
  replyReviewer: "DIRECT_RESPONSIBLE" | "INFO_SUPERVISOR";
  mailbox: TypeSeed;
};

const SITE_TYPES: SiteTypes[] = [
  {
    siteCode: "5001060001",
    unit: "district-office",
    correctionUnit: "district-disclosure",
    replyReviewer: "DIRECT_RESPONSIBLE",
    mailbox: {
      code: "mailbox",
      name: "区长信箱",
      category: "MAILBOX",
      description: "向区政府主要负责同志反映问题、提出意见建议，由区政府办公室交有关单位办理。",
      replyWorkingDays: 7,
    },
  },
  {
    siteCode: "5000000037",
    unit: "culture-office",
    correctionUnit: "culture-office",
    replyReviewer: "INFO_SUPERVISOR",
    mailbox: {
      code: "mailbox",
      name: "主任信箱",
      category: "MAILBOX",
      description: "向市文化旅游委主要负责同志反映文化旅游方面的问题和意见建议。",
      replyWorkingDays: 7,
    },
  },
  // The supervising unit's own site needs a working consultation channel too (a veto line).
  {
    siteCode: "5000000002",
    unit: "office-egov",
    correctionUnit: "office-egov",
    replyReviewer: "DIRECT_RESPONSIBLE",
    mailbox: {
      code: "mailbox",
      name: "办公厅信箱",
      category: "MAILBOX",
      description: "向市政府办公厅反映全市政府网站和政务新媒体建设管理方面的问题和意见建议。",
      replyWorkingDays: 7,
    },
  },
];

export async function seedInteractionTypes(tx: Tx, orgIds: Map<string, string>): Promise<void> {
  for (const site of SITE_TYPES) {
    const { id: siteId } = await tx.site.findUniqueOrThrow({
      where: { siteCode: site.siteCode },
      select: { id: true },
    });
    for (const [position, type] of [site.mailbox, ...COMMON].entries()) {
      await tx.interactionType.create({
        data: {
          siteId,
          code: type.code,
          name: type.name,
          category: type.category,
          description: type.description,
          unitId: orgIds.get(type.category === "CORRECTION" ? site.correctionUnit : site.unit)!,
          acceptWorkingDays: 1,
          replyWorkingDays: type.replyWorkingDays ?? null,
          replyHours: type.replyHours ?? null,
          maxWorkingDays: 15,
          replyReviewer: site.replyReviewer,
          position,
        },
      });
    }
    // 我为政府网站找错: messages the national platform forwards, registered by the handlers and not
    // offered on the public form. No national time limit was found: 1 working day to accept and 3
    // to reply are the defaults the provinces' rules suggest (see docs), configurable like any type.
    await tx.interactionType.create({
      data: {
        siteId,
        code: "national",
        name: "我为政府网站找错",
        category: "CORRECTION",
        description:
          "国务院办公厅“我为政府网站找错”平台经省级政府办公厅转办的网民留言，由本单位登记、办理，并在平台反馈答复。",
        unitId: orgIds.get(site.correctionUnit)!,
        acceptWorkingDays: 1,
        replyWorkingDays: 3,
        maxWorkingDays: 10,
        replyReviewer: "DIRECT_RESPONSIBLE",
        publicForm: false,
        position: COMMON.length + 1,
      },
    });
  }
}
