import type { Tx } from "@/lib/db/client";
import { chinaToday } from "@/lib/time/china";

// 访问统计 in the demo: the district portal's last 14 days before the seed (today starts empty
// and fills as people browse), with weekday and weekend rhythms, its most visited pages, what
// residents searched for and the sites they came from. Figures are made up but plausible for a
// district portal; visitors are aggregates only (no salt, no hash: those days are over).

const DAYS = 14;
const PAGES: [string, number][] = [
  ["/", 0.34],
  ["/columns/ywdt", 0.12],
  ["/columns/tzgg", 0.09],
  ["/columns/zcwj", 0.07],
  ["/columns/zmhd", 0.05],
  ["/columns/zcjd", 0.04],
  ["/search", 0.04],
  ["/columns/ldzc", 0.03],
];
const TERMS: [string, number][] = [
  ["养老保险", 0.22],
  ["公积金提取", 0.16],
  ["义务教育入学", 0.14],
  ["医保报销", 0.12],
  ["营商环境", 0.08],
  ["老旧小区改造", 0.06],
  ["招聘", 0.05],
];
const REFERRERS: [string, number][] = [
  ["baidu.com", 0.18],
  ["cq.gov.cn", 0.06],
  ["mp.weixin.qq.com", 0.05],
  ["gov.cn", 0.02],
  ["sogou.com", 0.015],
];

export async function seedVisits(tx: Tx, orgIds: Map<string, string>, now: Date = new Date()): Promise<void> {
  const site = await tx.site.findFirstOrThrow({ where: { orgId: orgIds.get("district")! }, select: { id: true } });
  const today = new Date(`${chinaToday(now)}T00:00:00Z`).getTime();
  const days = [];
  const paths = [];
  const terms = [];
  const referrers = [];
  for (let back = DAYS; back >= 1; back -= 1) {
    const day = new Date(today - back * 86_400_000);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    // A steady pattern (no randomness: the demo is the same on every machine).
    const pageViews = (weekend ? 820 : 2350) + ((back * 137) % 410);
    const uniqueVisitors = Math.round(pageViews * (weekend ? 0.46 : 0.38));
    days.push({ siteId: site.id, day, pageViews, uniqueVisitors });
    for (const [path, share] of PAGES)
      paths.push({ siteId: site.id, day, path, pageViews: Math.round(pageViews * share) });
    const searches = Math.round(pageViews * 0.04);
    for (const [term, share] of TERMS)
      terms.push({ siteId: site.id, day, term, searches: Math.round(searches * share) });
    for (const [host, share] of REFERRERS)
      referrers.push({ siteId: site.id, day, host, pageViews: Math.round(pageViews * share) });
  }
  await tx.visitDay.createMany({ data: days });
  await tx.visitPathDay.createMany({ data: paths });
  await tx.visitSearchDay.createMany({ data: terms });
  await tx.visitReferrerDay.createMany({ data: referrers });
}
