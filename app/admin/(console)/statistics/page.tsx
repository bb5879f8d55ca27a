// GET /admin/statistics?from=&to=&unitId=&columnId=&kind= – 稿件统计: counts by unit, person, column, kind and month, original share, review turnaround; charts and tables.
import Link from "next/link";
import { firstParam, orPageError, type PageSearchParams, requireActor } from "../guard";
import { getStatistics } from "@/lib/statistics/view";
import { filterQuery } from "@/lib/statistics/filter";
import { messages } from "@/lib/i18n/zh-CN";
import { FiguresTable, TurnaroundTable } from "@/components/admin/statistics-tables";

export const dynamic = "force-dynamic";

const t = messages.statistics;
type Props = { searchParams: PageSearchParams };

export default async function StatisticsPage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  const input = {
    from: firstParam(params.from),
    to: firstParam(params.to),
    unitId: firstParam(params.unitId),
    columnId: firstParam(params.columnId),
    kind: firstParam(params.kind),
  };
  const view = await orPageError(getStatistics(actor, input));
  const { filter } = view;
  const query = filterQuery(filter);
  return (
    <>
      <nav className="breadcrumb" aria-label="当前位置">
        <Link href="/admin">工作台</Link> › {t.title}
      </nav>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p>{view.platform ? t.scope.platform : t.scope.units(view.units.map((unit) => unit.name).join("、"))}</p>
      <p>
        <Link href="/admin/statistics/quotas">{t.links.quotas}</Link> ·{" "}
        <Link href="/admin/statistics/ranking">{t.links.ranking}</Link>
      </p>
      <form method="get" className="inline-form" aria-label="统计条件">
        <label>
          {t.filters.from} <input type="month" name="from" defaultValue={filter.from} required />
        </label>{" "}
        <label>
          {t.filters.to} <input type="month" name="to" defaultValue={filter.to} required />
        </label>{" "}
        <label>
          {t.filters.unit}{" "}
          <select name="unitId" defaultValue={filter.unitId ?? ""}>
            <option value="">{t.filters.all}</option>
            {view.units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.name}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t.filters.column}{" "}
          <select name="columnId" defaultValue={filter.columnId ?? ""}>
            <option value="">{t.filters.all}</option>
            {view.columns.map((column) => (
              <option key={column.id} value={column.id}>
                {column.label}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t.filters.kind}{" "}
          <select name="kind" defaultValue={filter.kind ?? ""}>
            <option value="">{t.filters.all}</option>
            {view.kinds.map((kind) => (
              <option key={kind.value} value={kind.value}>
                {kind.label}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit" className="button-inline">
          {t.filters.query}
        </button>
      </form>

      <section aria-labelledby="statistics-units">
        <h2 id="statistics-units">{t.dimensions.unit}</h2>
        <img
          className="oversight-chart"
          src={`/admin/statistics/chart/units?${query}`}
          alt={t.charts.unitsAlt}
          width={720}
          height={Math.max(200, 70 + view.rows.unit.length * 54)}
        />
        <FiguresTable rows={view.rows.unit} caption={t.dimensions.unit} header={t.fields.unit} total={view.total} />
      </section>

      <section aria-labelledby="statistics-months">
        <h2 id="statistics-months">{t.charts.trend}</h2>
        <img
          className="oversight-chart"
          src={`/admin/statistics/chart/trend?${query}`}
          alt={t.charts.trendAlt}
          width={720}
          height={320}
        />
        <FiguresTable rows={view.rows.month} caption={t.dimensions.month} header={t.fields.month} />
      </section>

      <section aria-labelledby="statistics-turnaround">
        <h2 id="statistics-turnaround">{t.turnaroundHeading}</h2>
        {view.turnaround.length ? (
          <img
            className="oversight-chart"
            src={`/admin/statistics/chart/turnaround?${query}`}
            alt={t.charts.turnaroundAlt}
            width={720}
            height={Math.max(200, 70 + view.turnaround.length * 48)}
          />
        ) : null}
        <TurnaroundTable stages={view.turnaround} />
      </section>

      <section aria-labelledby="statistics-kinds">
        <h2 id="statistics-kinds">{t.dimensions.kind}</h2>
        <FiguresTable rows={view.rows.kind} caption={t.dimensions.kind} header={t.fields.kind} total={view.total} />
      </section>

      <section aria-labelledby="statistics-columns">
        <h2 id="statistics-columns">{t.dimensions.column}</h2>
        <FiguresTable rows={view.rows.column} caption={t.dimensions.column} header={t.fields.column} />
      </section>

      <section aria-labelledby="statistics-people">
        <h2 id="statistics-people">{t.dimensions.person}</h2>
        <FiguresTable rows={view.rows.person} caption={t.dimensions.person} header={t.fields.person} />
      </section>

      <section aria-labelledby="statistics-definitions">
        <h2 id="statistics-definitions">{t.definitionsHeading}</h2>
        <dl className="statistics-definitions">
          {(["written", "submitted", "adopted", "published", "returned", "withdrawn", "corrected"] as const).map(
            (measure) => (
              <div key={measure}>
                <dt>{t.measures[measure]}</dt>
                <dd>{t.definitions[measure]}</dd>
              </div>
            ),
          )}
          <div>
            <dt>
              {t.measures.original} / {t.measures.reprinted}
            </dt>
            <dd>{t.definitions.original}</dd>
          </div>
          <div>
            <dt>{t.fields.unit}</dt>
            <dd>{t.definitions.unit}</dd>
          </div>
          <div>
            <dt>{t.fields.column}</dt>
            <dd>{t.definitions.column}</dd>
          </div>
          <div>
            <dt>{t.turnaroundHeading}</dt>
            <dd>{t.definitions.turnaround}</dd>
          </div>
        </dl>
      </section>
    </>
  );
}
