import type { Tx } from "@/lib/db/client";
import { loadCalendar } from "@/lib/calendar/load";
import { reprintClock } from "@/lib/reports/reprint/clock";

// 转载 in the demo (seed 003: 重要政策信息发布后力争1小时内转载，最晚不超过1个工作日): the district
// portal subscribes to 中国政府网's policy feed, reprints into 沙坪坝要闻 through a fast-track
// review (直接责任人), and has two items waiting — one still within the hour, one overdue. The
// source is disabled: no feed can be fetched offline at seed time; the supervisor may enable it.

const MINUTE = 60_000;

const ITEMS = [
  {
    key: "https://www.gov.cn/zhengce/content/demo-0001.htm",
    title: "【示例】国务院办公厅关于进一步优化政务服务提升行政效能的意见",
    summary:
      "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：为深入贯彻落实党中央、国务院关于深化“放管服”改革、优化营商环境的决策部署，进一步提升政务服务标准化、规范化、便利化水平，经国务院同意，现提出以下意见。",
    minutesAgo: 20,
  },
  {
    key: "https://www.gov.cn/zhengce/content/demo-0002.htm",
    title: "【示例】国务院关于做好2027年元旦春节期间有关工作的通知",
    summary:
      "元旦春节即将到来，为切实做好节日期间各项工作，确保人民群众度过欢乐祥和的节日，现就有关事项通知如下：做好民生保障和困难群众帮扶工作，抓好安全生产和应急值守。",
    minutesAgo: 180,
  },
];

export async function seedReprints(tx: Tx, orgIds: Map<string, string>, columnIds: Map<string, string>) {
  const site = await tx.site.findFirstOrThrow({ where: { orgId: orgIds.get("district")! } });
  await tx.site.update({ where: { id: site.id }, data: { reprintColumnId: columnIds.get("district/ywdt")! } });
  await tx.workflow.create({
    data: {
      name: "转载快速审核（直接责任人）",
      orgId: orgIds.get("district")!,
      forReprint: true,
      stages: { create: [{ position: 0, name: "直接责任人审核", type: "DIRECT_RESPONSIBLE" }] },
    },
  });
  const now = Date.now();
  const source = await tx.reprintSource.create({
    data: { name: "中国政府网", feedUrl: "https://www.gov.cn/zhengce/zuixin.rss", enabled: false },
  });
  await tx.reprintSubscription.create({
    data: { sourceId: source.id, siteId: site.id, createdAt: new Date(now - 24 * 60 * MINUTE) },
  });
  const calendar = await loadCalendar(tx, now);
  for (const item of ITEMS) {
    const publishedAt = new Date(now - item.minutesAgo * MINUTE);
    const entry = await tx.reprintEntry.create({
      data: {
        sourceId: source.id,
        key: item.key,
        title: item.title,
        link: item.key,
        summary: item.summary,
        publishedAt,
        fetchedAt: new Date(publishedAt.getTime() + 2 * MINUTE),
        clockStart: publishedAt,
      },
    });
    await tx.reprintItem.create({
      data: { entryId: entry.id, siteId: site.id, ...reprintClock(publishedAt, calendar) },
    });
  }
}
