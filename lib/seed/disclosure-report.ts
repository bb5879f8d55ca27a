import type { Prisma } from "@/lib/db/generated/client";
import type { Entries, EntryKey } from "@/lib/disclosure/report-format";
import type { Context } from "@/lib/seed/sample-context";

// The 政府信息公开工作年度报告 of the demo units: last year's, published in the 政府信息公开年报 column
// (so no reminder nags about it), and this year's in preparation — the texts written and every
// entered figure but 行政强制 filled in, each with the kind of note an office writes.

const ENTERED: [EntryKey, number, string][] = [
  ["t2.license", 1268, "据区政务服务中心审批系统年度统计（示例）"],
  ["t2.penalty", 342, "据区司法局行政执法监督平台统计（示例）"],
  ["t2.fees", 86.4215, "据区财政局非税收入系统统计，单位万元（示例）"],
  ["t4.review.upheld", 2, "据区司法局行政复议决定书（示例）"],
  ["t4.review.corrected", 0, "本年无被纠正的复议案件（示例）"],
  ["t4.review.other", 1, "申请人撤回复议申请 1 件（示例）"],
  ["t4.review.pending", 0, "年末无未审结复议案件（示例）"],
  ["t4.direct.upheld", 1, "据区人民法院判决书（示例）"],
  ["t4.direct.corrected", 0, "本年无被纠正的诉讼案件（示例）"],
  ["t4.direct.other", 0, "本年无其他结果（示例）"],
  ["t4.direct.pending", 1, "年末尚有 1 件在审（示例）"],
  ["t4.afterReview.upheld", 0, "本年无复议后起诉案件（示例）"],
  ["t4.afterReview.corrected", 0, "本年无复议后起诉案件（示例）"],
  ["t4.afterReview.other", 0, "本年无复议后起诉案件（示例）"],
  ["t4.afterReview.pending", 0, "本年无复议后起诉案件（示例）"],
];

/** Links last year's published sample 年报 to the unit's report of that year. */
export async function linkPublishedReport(context: Context, year: number, resourceId: string) {
  await context.tx.disclosureReport.create({ data: { orgId: context.site.unit.id, year, resourceId, version: 1 } });
}

/** This year's report in preparation. */
export async function seedReportInPreparation(context: Context, year: number) {
  const { tx, site } = context;
  const author = await tx.user.findUniqueOrThrow({ where: { id: site.authorId }, select: { displayName: true } });
  const at = new Date(context.now.getTime() - 3 * 86_400_000).toISOString();
  const entries: Entries = Object.fromEntries(
    ENTERED.map(([key, value, reason]) => [
      key,
      { value, reason, byId: site.authorId, byName: author.displayName, at },
    ]),
  );
  await tx.disclosureReport.create({
    data: {
      orgId: site.unit.id,
      year,
      entries: entries as unknown as Prisma.InputJsonValue,
      overview: `${year}年，${site.unit.name}坚持以公开为常态、不公开为例外，认真贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作推进决策、执行、管理、服务、结果公开，持续做好政策解读和回应关切。（示例）`,
      problems: `一是政策解读形式还不够丰富，图解、视频解读占比不高；二是部分栏目更新不够及时。下一步，${site.selfName}将加强统筹调度，完善栏目更新机制，提升公开质量。（示例）`,
      otherMatters:
        "本年度共办理人大代表建议 36 件、政协委员提案 41 件，办理结果均已按规定公开；信息处理费收取情况见下表（根据收费记录自动统计）。（示例）",
      version: ENTERED.length,
    },
  });
}
