import type { Prisma } from "@/lib/db/generated/client";
import type { Context } from "@/lib/seed/sample-context";
import { add } from "@/lib/seed/sample-context";
import { SAMPLE_NOTE, sampleTitle } from "@/lib/seed/sample-text";

// The 政府网站工作年度报表 of a demo site: the tables of earlier years, published in the 年度报表
// column, and last year's in preparation — the figures the platform cannot know entered by the
// site's administrator, each with the note an office writes, ready to be signed off and published.

const ENTERED: [string, string | number | boolean, string][] = [
  ["解读回应/解读信息发布/媒体评论文章数量", 12, "据宣传部门媒体监测台账（示例）"],
  ["解读回应/回应公众关注热点或重大舆情数量", 6, "据舆情回应工作台账（示例）"],
  ["办事服务/是否发布服务事项目录", true, "服务事项目录由渝快办平台统一发布（示例）"],
  ["办事服务/注册用户数", 352_140, "据渝快办平台年度统计（示例）"],
  ["办事服务/政务服务事项数量", 1_563, "据政务服务事项清单（示例）"],
  ["办事服务/可全程在线办理政务服务事项数量", 1_182, "据政务服务事项清单（示例）"],
  ["办事服务/办件量/总数", 486_217, "据渝快办平台年度统计（示例）"],
  ["办事服务/办件量/自然人办件量", 401_356, "据渝快办平台年度统计（示例）"],
  ["办事服务/办件量/法人办件量", 84_861, "据渝快办平台年度统计（示例）"],
  ["安全防护/是否开展应急演练", true, "9 月开展网站安全应急演练（示例）"],
  ["移动新媒体/微博/关注量", 215_800, "据微博账号后台（示例）"],
  ["移动新媒体/微信/订阅数", 386_420, "据公众号后台（示例）"],
];

export async function seedSiteReports(context: Context) {
  const { siteName } = context.site;
  const { tx, site } = context;
  const columnId = context.column("ndbb");
  const year = Number(context.now.toISOString().slice(0, 4));
  for (let back = 2; back <= 3; back++) {
    const reportYear = year - back;
    await add(context, {
      kind: "ARTICLE",
      title: sampleTitle(`${siteName}${reportYear}年度政府网站工作年度报表`),
      blocks: [
        {
          type: "paragraph",
          text: `根据《国务院办公厅秘书局关于印发政府网站年度报表格式的通知》（国办函〔2018〕12号）要求，现公开${siteName}${reportYear}年度政府网站工作年度报表。`,
        },
        { type: "paragraph", text: SAMPLE_NOTE },
      ],
      slugs: ["ndbb"],
      at: new Date(`${reportYear + 1}-01-25T10:00:00+08:00`),
    });
  }
  const { siteId } = await tx.column.findUniqueOrThrow({ where: { id: columnId }, select: { siteId: true } });
  const author = await tx.user.findUniqueOrThrow({ where: { id: site.authorId }, select: { displayName: true } });
  const at = new Date(context.now.getTime() - 2 * 86_400_000).toISOString();
  const entries = Object.fromEntries(
    ENTERED.map(([key, value, reason]) => [
      key,
      { value, reason, byId: site.authorId, byName: author.displayName, at },
    ]),
  );
  await tx.siteReport.create({
    data: {
      kind: "WEBSITE_ANNUAL",
      orgId: site.unit.id,
      siteId,
      subjectId: siteId,
      year: year - 1,
      entries: entries as unknown as Prisma.InputJsonValue,
      version: ENTERED.length,
    },
  });
}
