import { SAMPLE_NOTE, sampleTitle } from "@/lib/seed/sample-text";
import { add, spreadDate, type Context } from "@/lib/seed/sample-context";
import { syncQaEntry } from "@/lib/interaction/qa/sync-entry";

// The district portal's 咨询答问 (答问库, seed 000: 统一权威的咨询答问库 with 答复口径 for sites, new media
// and hotlines): a dozen entries by theme, one about the 社会保障卡 resting on a sample policy, and
// one whose 有效期 has ended, kept in the back office but no longer served.

type QaSample = { question: string; answer: string[]; themes: string[]; linked?: boolean; validTo?: string };

const ENTRIES: QaSample[] = [
  {
    question: "社会保障卡丢失了怎么挂失和补办？",
    answer: [
      "社会保障卡遗失后，请第一时间拨打 12333 人社服务热线，或通过“渝快办”、电子社保卡办理临时挂失，临时挂失有效期为 5 天。",
      "补办时，本人携带有效居民身份证到区内任一社会保障卡服务网点（含合作银行网点）申请，即时制卡网点可当场领卡；非即时制卡网点约 15 个工作日后领取。补卡工本费按规定标准收取，享受低保等待遇人员免收。",
      "补卡后原卡自动注销，社保、医保待遇不受影响。",
    ],
    themes: ["social-security"],
    linked: true,
  },
  {
    question: "灵活就业人员怎么参加职工养老保险？",
    answer: [
      "在本区就业的灵活就业人员，可持身份证通过“渝快办”或到区社会保险事务中心办理参保登记，按年或按月自主选择缴费基数档次缴费。",
    ],
    themes: ["social-security", "employment"],
  },
  {
    question: "城乡居民医保每年什么时候缴费？",
    answer: [
      "城乡居民基本医疗保险实行年度集中缴费，集中缴费期一般为每年 9 月至 12 月，缴费后次年 1 月 1 日起享受待遇。可通过微信、支付宝“重庆税务”或银行渠道缴纳。",
    ],
    themes: ["medical-insurance"],
    linked: true,
  },
  {
    question: "异地就医需要办理备案吗？",
    answer: [
      "跨省异地就医直接结算前需办理备案，可通过国家医保服务平台 APP、“渝快办”或到区医疗保障事务中心办理；急诊抢救可在就医后补办备案。",
    ],
    themes: ["medical-insurance"],
  },
  {
    question: "新生儿怎么办理户口登记？",
    answer: [
      "新生儿出生后，监护人可凭《出生医学证明》、父母双方户口簿和居民身份证、结婚证到父亲或母亲户口所在地派出所办理出生登记，也可通过“渝快办”网上申请。",
    ],
    themes: ["household"],
  },
  {
    question: "小学一年级新生入学需要准备哪些材料？",
    answer: [
      "适龄儿童入学一般需提供户口簿、房屋产权证明或居住证明、儿童预防接种证查验证明。具体以区教育委员会当年发布的义务教育招生工作实施方案为准。",
    ],
    themes: ["education"],
  },
  {
    question: "失业后怎么申领失业保险金？",
    answer: [
      "参保缴费满 1 年、非因本人意愿中断就业并已办理失业登记的人员，可通过“渝快办”、电子社保卡或到区就业和人才服务局申领失业保险金。",
    ],
    themes: ["employment", "social-security"],
  },
  {
    question: "公共租赁住房怎么申请？",
    answer: [
      "符合条件的本区城镇住房困难家庭、新就业无房职工和外来务工人员，可向户籍或工作所在地街道（镇）提交申请，经审核、公示后进入轮候配租。",
    ],
    themes: ["housing"],
  },
  {
    question: "开办企业最快多久能办完？",
    answer: [
      "通过“渝快办”企业开办“一网通办”平台，可一次填报完成营业执照、公章刻制、发票申领和社保登记，材料齐全的 1 个工作日内办结。",
    ],
    themes: ["business"],
  },
  {
    question: "80 周岁以上老人的高龄津贴怎么领取？",
    answer: [
      "本区户籍 80 周岁以上老年人可向户籍所在地社区（村）提出申请，经街道（镇）审核后按月发放高龄津贴，可在“渝快办”查询发放情况。",
    ],
    themes: ["elderly-care", "civil-affairs"],
  },
  {
    question: "婚姻登记需要预约吗？",
    answer: [
      "区婚姻登记处实行预约与现场办理相结合，可通过“渝快办”提前预约；结婚登记需双方本人携带户口簿、居民身份证和近期半身免冠合影照片。",
    ],
    themes: ["civil-affairs"],
  },
  {
    question: "机动车驾驶证到期怎么换证？",
    answer: [
      "驾驶证有效期满前 90 日内，可通过“交管 12123”APP 或到车管所、驾驶人体检换证服务站申请换证，需提交身体条件证明。",
    ],
    themes: ["transport"],
  },
  {
    question: "2025 年度城乡居民医保集中缴费什么时候截止？",
    answer: ["2025 年度集中缴费已于 2025 年 12 月 31 日截止。"],
    themes: ["medical-insurance"],
    validTo: "2025-12-31",
  },
];

/** The district's 答问 in its 咨询答问 column; returns how many were created. */
export async function seedQaSamples(context: Context): Promise<number> {
  const { tx, site } = context;
  if (site.culture) return 0;
  const policy = await tx.resource.findFirst({
    where: { kind: "POLICY", ownerOrgId: site.unit.id, placements: { some: { columnId: context.column("zcwj") } } },
    orderBy: { updatedAt: "desc" },
    select: { id: true },
  });
  for (const [index, entry] of ENTRIES.entries()) {
    const id = await add(context, {
      kind: "QA",
      title: sampleTitle(entry.question),
      blocks: [
        { type: "paragraph", text: SAMPLE_NOTE },
        ...entry.answer.map((text) => ({ type: "paragraph" as const, text })),
      ],
      slugs: ["zxdw"],
      at: spreadDate(context, index, ENTRIES.length, 90),
      metadata: {
        qa: {
          themes: entry.themes,
          policyIds: entry.linked && policy ? [policy.id] : [],
          validFrom: "2025-01-01",
          ...(entry.validTo ? { validTo: entry.validTo } : {}),
        },
      },
    });
    await syncQaEntry(tx, id);
  }
  return ENTRIES.length;
}
