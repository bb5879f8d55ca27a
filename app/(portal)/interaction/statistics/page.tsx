// GET /interaction/statistics?year=… – 留言办理统计: this site's letters by month (收到, 办结, 办结率, 平均办理时间, 满意率),
// and apart from them the national 我为政府网站找错 messages (收到, 办结, 按期办结率).
import type { Metadata } from "next";
import { z } from "zod";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { portalMetadata } from "@/lib/sites/meta";
import { getLetterStatistics } from "@/lib/interaction/publish/statistics";
import { getNationalStatistics } from "@/lib/interaction/publish/national-statistics";
import { markUncacheable } from "@/lib/cache/render-scope";
import { chinaYear } from "@/lib/time/china";
import { InteractionPage } from "@/components/portal/interaction-page";
import { LetterStatisticsTable, NationalStatisticsTable } from "@/components/portal/letter-statistics";
import { messages } from "@/lib/i18n/zh-CN";

const s = messages.interaction.statistics;
const FIRST_YEAR = 2000;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
  return portalMetadata({
    site,
    baseUrl,
    path: "/interaction/statistics",
    title: s.title,
    column: { name: s.title, kind: "INTERACTION" },
  });
}

export default async function StatisticsPage({ searchParams }: Props) {
  // Figures change with every handling step, which no publication tag describes.
  markUncacheable();
  const site = await getCurrentSite();
  const current = chinaYear();
  const raw = (await searchParams).year;
  const parsed = z.coerce
    .number()
    .int()
    .min(FIRST_YEAR)
    .max(current)
    .default(current)
    .safeParse(typeof raw === "string" && raw ? raw : undefined);
  const year = parsed.success ? parsed.data : current;
  const rows = parsed.success ? await getLetterStatistics(site.id, year) : [];
  const national = parsed.success ? await getNationalStatistics(site.id, year) : [];
  const years = Array.from({ length: 5 }, (_, index) => current - index);
  return (
    <InteractionPage
      site={site}
      crumb={s.title}
      heading={
        <>
          {s.title}（{year}）
        </>
      }
    >
      <p>{s.intro}</p>
      <form method="get" action="/interaction/statistics">
        <label>
          {s.year}{" "}
          <select name="year" defaultValue={String(year)}>
            {years.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit">{s.show}</button>
      </form>
      {parsed.success ? (
        <>
          <LetterStatisticsTable rows={rows} year={year} />
          <NationalStatisticsTable rows={national} year={year} />
        </>
      ) : (
        <p role="alert">{s.badYear}</p>
      )}
    </InteractionPage>
  );
}
