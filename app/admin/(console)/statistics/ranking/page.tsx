// GET /admin/statistics/ranking?siteId=&year= – 年度报送排名 of a receiving site (by adopted, then submitted, with the original share), the basis of 稿酬, with its XLSX download.
import Link from "next/link";
import { SiteSelect } from "@/components/admin/filter-fields";
import { firstParam, orPageError, type PageSearchParams, requireActor } from "../../guard";
import { getRanking, type RankingRow } from "@/lib/statistics/ranking";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";
import { formatShare } from "@/components/admin/statistics-tables";

export const dynamic = "force-dynamic";

const t = messages.statistics;
const r = t.ranking;
type Props = { searchParams: PageSearchParams };

const figureColumns = [
  { header: r.submitted, cell: (row: RankingRow) => row.submitted, align: "end" as const },
  { header: r.adopted, cell: (row: RankingRow) => row.adopted, align: "end" as const },
  { header: r.adoptionRate, cell: (row: RankingRow) => formatShare(row.adoptionRate), align: "end" as const },
  { header: r.original, cell: (row: RankingRow) => row.adoptedOriginal, align: "end" as const },
  { header: r.originalShare, cell: (row: RankingRow) => formatShare(row.originalShare), align: "end" as const },
];

export default async function RankingPage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  const ranking = await orPageError(
    getRanking(actor, { siteId: firstParam(params.siteId), year: firstParam(params.year) }),
  );
  const query = new URLSearchParams({ siteId: ranking.site.id, year: String(ranking.year) }).toString();
  return (
    <>
      <nav className="breadcrumb" aria-label="当前位置">
        <Link href="/admin">工作台</Link> › <Link href="/admin/statistics">{t.title}</Link> › {r.title}
      </nav>
      <h1>{r.title}</h1>
      <p>{r.intro}</p>
      <form method="get" className="inline-form" aria-label="选择接收网站和年度">
        <SiteSelect label={t.quotas.site} value={ranking.site.id} sites={ranking.sites} />
        <label>
          {r.year} <input type="number" name="year" min={2000} max={2100} defaultValue={ranking.year} required />
        </label>{" "}
        <button type="submit" className="button-inline">
          {t.filters.query}
        </button>
      </form>
      {ranking.mayManage ? (
        <p>
          <a href={`/admin/statistics/ranking/export?${query}`} download>
            {r.export}
          </a>
        </p>
      ) : null}
      <DataTable
        rows={ranking.units}
        rowKey={(row) => row.id}
        caption={`${ranking.site.name} ${ranking.year} ${r.sheetUnits}`}
        empty={r.none}
        columns={[
          { header: r.rank, cell: (row) => row.rank, align: "end" },
          { header: r.unit, cell: (row) => row.name, isRowHeader: true },
          ...figureColumns,
          { header: r.annualQuota, cell: (row) => row.annualQuota ?? 0, align: "end" },
          {
            header: r.completion,
            cell: (row) => formatShare(row.annualQuota ? row.submitted / row.annualQuota : null),
            align: "end",
          },
          { header: r.monthsMet, cell: (row) => row.monthsMet ?? 0, align: "end" },
        ]}
      />
      <h2>{r.byPerson}</h2>
      <DataTable
        rows={ranking.people}
        rowKey={(row) => row.id}
        caption={`${ranking.site.name} ${ranking.year} ${r.sheetPeople}`}
        empty={r.none}
        columns={[
          { header: r.rank, cell: (row) => row.rank, align: "end" },
          { header: r.person, cell: (row) => row.name, isRowHeader: true },
          { header: r.unit, cell: (row) => row.unitName ?? "" },
          ...figureColumns,
        ]}
      />
    </>
  );
}
