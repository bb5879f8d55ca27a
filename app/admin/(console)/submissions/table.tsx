import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import type { listMySubmissions } from "@/lib/submissions/queries";
import { DataTable } from "@/components/ui/data-table";
import { FilterDate, FilterSelect, optionsOf } from "@/components/admin/filter-fields";

// The list of submissions both sides read, 我的报送 (with the site) and 来稿 (with the unit), and
// the filters they share (state and period).

const t = messages.submission;
type Row = Awaited<ReturnType<typeof listMySubmissions>>["rows"][number];

/** The adopted page on the target site: on its own host, or here when the site is served on loopback (a local run). */
export function liveHref(row: { host: string | null; livePath: string | null }) {
  if (!row.livePath) return null;
  const local = !row.host || /^(localhost|127\.|\[?::1\]?$)/.test(row.host);
  return local ? row.livePath : `//${row.host}${row.livePath}`;
}

export function SubmissionTable({ rows, side, empty }: { rows: Row[]; side: "mine" | "desk"; empty: string }) {
  return (
    <DataTable
      rows={rows}
      rowKey={(row) => row.id}
      label={side === "mine" ? t.mineTitle : t.deskTitle}
      empty={empty}
      columns={[
        {
          header: t.fields.title,
          isRowHeader: true,
          cell: (row) => <Link href={`/admin/submissions/${row.id}`}>{row.revision.title}</Link>,
        },
        side === "mine"
          ? { header: t.fields.toSite, cell: (row) => row.toSite.name }
          : { header: t.fields.fromOrg, cell: (row) => row.fromOrg.name },
        { header: t.fields.submittedBy, cell: (row) => row.submittedBy.displayName },
        { header: t.fields.submittedAt, cell: (row) => formatDateTime(row.submittedAt) },
        {
          header: t.fields.state,
          cell: (row) => (
            <>
              <span className={`status status-${row.state.toLowerCase()}`}>{t.states[row.state]}</span>
              {row.state === "RETURNED" && row.reason ? (
                <>
                  <br />
                  <small>
                    {t.fields.reason}：{row.reason}
                  </small>
                </>
              ) : null}
            </>
          ),
        },
        {
          header: t.fields.columns,
          cell: (row) => {
            const href = liveHref(row);
            if (!row.columns.length) return "—";
            return (
              <>
                {row.columns.map((column) => column.name).join("、")}
                {href ? (
                  <>
                    {" "}
                    <a href={href} target="_blank" rel="noreferrer noopener">
                      {t.actions.viewLive}
                    </a>
                  </>
                ) : (
                  <>
                    <br />
                    <small>{t.pendingLive}</small>
                  </>
                )}
              </>
            );
          },
        },
      ]}
    />
  );
}

/** The filters both lists have: the state and the period it was submitted in. */
export function SubmissionFilters({
  filters,
}: {
  filters: { state?: string | null; from?: string | null; to?: string | null };
}) {
  return (
    <>
      <FilterSelect
        name="state"
        label={t.fields.state}
        value={filters.state}
        allLabel={t.filters.allStates}
        options={optionsOf(t.states)}
      />
      <FilterDate name="from" label={t.fields.from} value={filters.from} />
      <FilterDate name="to" label={t.fields.to} value={filters.to} />
    </>
  );
}
