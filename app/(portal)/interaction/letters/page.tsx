// GET /interaction/letters?q=… – 留言选登: published 留言答复 with their dates and answering unit, searchable.
import type { Metadata } from "next";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { portalMetadata } from "@/lib/sites/meta";
import { listPublishedLetters, ZLetterQuery } from "@/lib/interaction/publish/public-letters";
import { InteractionPage } from "@/components/portal/interaction-page";
import { Pagination } from "@/components/portal/pagination";
import { DataTable } from "@/components/ui/data-table";
import { formatDate, formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

const l = messages.interaction.letters;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
  return portalMetadata({
    site,
    baseUrl,
    path: "/interaction/letters",
    title: l.title,
    column: { name: l.title, kind: "INTERACTION" },
  });
}

export default async function LettersPage({ searchParams }: Props) {
  const site = await getCurrentSite();
  const raw = await searchParams;
  const parsed = ZLetterQuery.safeParse({
    q: typeof raw.q === "string" ? raw.q : undefined,
    page: typeof raw.page === "string" ? raw.page : undefined,
  });
  const error = parsed.success ? null : (parsed.error.issues[0]?.message ?? messages.errors.generic);
  const result = parsed.success ? await listPublishedLetters(site.id, parsed.data) : null;
  return (
    <InteractionPage site={site} crumb={l.title}>
      <p>{l.intro}</p>
      <form method="get" action="/interaction/letters" role="search" aria-label={l.search}>
        <label>
          {l.searchLabel} <input type="search" name="q" defaultValue={result?.q ?? ""} maxLength={50} />
        </label>{" "}
        <button type="submit">{l.submit}</button>
      </form>
      <p>
        <a href="/interaction/statistics">{l.statistics}</a> · <a href="/interaction/letters/feed.xml">{l.feed}</a>
      </p>
      {error ? (
        <p role="alert">{error}</p>
      ) : result && result.rows.length === 0 ? (
        <p>{result.q ? l.noMatch(result.q) : l.empty}</p>
      ) : result ? (
        <>
          {result.q ? <p>{l.found(result.total)}</p> : null}
          <DataTable
            label={l.title}
            rows={result.rows}
            rowKey={(row) => row.resourceId}
            columns={[
              { header: l.columns.title, cell: (row) => <a href={`/content/${row.resourceId}`}>{row.title}</a> },
              { header: l.columns.receivedAt, cell: (row) => formatDateTime(row.receivedAt) },
              { header: l.columns.acceptedAt, cell: (row) => (row.acceptedAt ? formatDate(row.acceptedAt) : "—") },
              { header: l.columns.answeredAt, cell: (row) => formatDate(row.answeredAt) },
              { header: l.columns.unit, cell: (row) => row.unit },
            ]}
          />
          <Pagination
            basePath="/interaction/letters"
            params={new URLSearchParams(result.q ? { q: result.q } : {})}
            page={result.page}
            pageCount={result.pages}
          />
        </>
      ) : null}
    </InteractionPage>
  );
}
