// GET /admin/interviews?year= – 在线访谈: the interviews of the sites the actor runs, and each site's yearly counts.
import Link from "next/link";
import { orPageError, requireActor } from "../guard";
import { listInterviews } from "@/lib/interaction/interview/list-interviews";
import { getInterviewStatistics } from "@/lib/interaction/interview/statistics";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";

const t = messages.interview;
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function InterviewsPage({ searchParams }: Props) {
  const actor = await requireActor();
  const raw = (await searchParams).year;
  const year = Array.isArray(raw) ? raw[0] : raw;
  const [rows, statistics] = await Promise.all([
    orPageError(listInterviews(actor)),
    orPageError(getInterviewStatistics(actor, year ? { year } : {})),
  ]);
  const mayCreate = (
    await Promise.all(actor.memberships.map((m) => can(actor, "interview.manage", { orgId: m.orgId })))
  ).some(Boolean);
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.admin.intro}</p>
      {mayCreate ? (
        <p>
          <Link href="/admin/interviews/new">{t.admin.create}</Link>
        </p>
      ) : null}
      <DataTable
        rows={rows}
        rowKey={(row) => row.id}
        label={t.title}
        empty={t.admin.none}
        columns={[
          { header: t.fields.topic, cell: (row) => <Link href={`/admin/interviews/${row.id}`}>{row.topic}</Link> },
          { header: t.fields.site, cell: (row) => row.siteName },
          { header: t.fields.startsAt, cell: (row) => formatDateTime(row.startsAt) },
          { header: t.fields.status, cell: (row) => t.statuses[row.status] },
          { header: t.admin.pending, cell: (row) => row.pending },
        ]}
      />
      <h2>{t.admin.counts}</h2>
      <form method="get" className="inline-form">
        <label>
          {t.admin.year} <input type="number" name="year" defaultValue={statistics.year} min={2000} max={2100} />
        </label>{" "}
        <button type="submit" className="button-inline">
          {t.admin.query}
        </button>
      </form>
      <DataTable
        rows={statistics.rows}
        rowKey={(row) => row.siteId}
        label={t.admin.yearCounts(statistics.year)}
        empty={t.admin.none}
        columns={[
          { header: t.fields.site, cell: (row) => row.siteName },
          { header: t.admin.sessions, cell: (row) => row.sessions },
          { header: t.admin.questions, cell: (row) => row.questions },
          { header: t.admin.answers, cell: (row) => row.answered },
        ]}
      />
    </>
  );
}
