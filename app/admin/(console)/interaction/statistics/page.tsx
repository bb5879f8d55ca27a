// GET /admin/interaction/statistics?siteId=&year= – 办理统计 of a site whose letters the actor handles:
// the site's own letters, and the national 我为政府网站找错 messages counted apart.
import Link from "next/link";
import { SiteSelect } from "@/components/admin/filter-fields";
import { firstParam, orPageError, type PageSearchParams, requireActor } from "../../guard";
import { getInteractionFigures } from "@/lib/interaction/national/admin-views";
import { chinaYear } from "@/lib/time/china";
import { messages } from "@/lib/i18n/zh-CN";
import { LetterStatisticsTable, NationalStatisticsTable } from "@/components/portal/letter-statistics";

const s = messages.interaction.statistics;
type Props = { searchParams: PageSearchParams };

export default async function InteractionFiguresPage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  const figures = await orPageError(
    getInteractionFigures(actor, { siteId: firstParam(params.siteId), year: firstParam(params.year) }),
  );
  const current = chinaYear();
  const years = Array.from({ length: 5 }, (_, index) => current - index);
  return (
    <>
      <p>
        <Link href="/admin/interaction">返回留言列表</Link>
      </p>
      <h1>{s.title}</h1>
      <p>{s.intro}</p>
      {figures.site ? (
        <>
          <form method="get" action="/admin/interaction/statistics" className="inline-form">
            <SiteSelect label="网站" value={figures.site.id} sites={figures.sites} />
            <label>
              {s.year}{" "}
              <select name="year" defaultValue={String(figures.year)}>
                {years.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            </label>{" "}
            <button type="submit">{s.show}</button>
          </form>
          <h2>
            {figures.site.name}（{figures.year}）
          </h2>
          <LetterStatisticsTable rows={figures.own} year={figures.year} />
          <NationalStatisticsTable rows={figures.national} year={figures.year} />
        </>
      ) : (
        <p className="empty">暂无可统计的网站。</p>
      )}
    </>
  );
}
