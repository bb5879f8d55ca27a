// GET /interaction/interviews – 在线访谈 of the current site: the live one, announcements, past interviews.
import type { Metadata } from "next";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { portalMetadata } from "@/lib/sites/meta";
import { listPublicInterviews } from "@/lib/interaction/interview/public-interviews";
import { InteractionPage } from "@/components/portal/interaction-page";
import { DataTable } from "@/components/ui/data-table";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.interview;

export async function generateMetadata(): Promise<Metadata> {
  const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
  return portalMetadata({
    site,
    baseUrl,
    path: "/interaction/interviews",
    title: t.title,
    column: { name: t.title, kind: "INTERACTION" },
  });
}

type Row = Awaited<ReturnType<typeof listPublicInterviews>>["past"][number];

function InterviewTable({ rows, label }: { rows: Row[]; label: string }) {
  return (
    <DataTable
      rows={rows}
      rowKey={(row) => row.id}
      label={label}
      empty={t.portal.none}
      columns={[
        {
          header: t.fields.topic,
          cell: (row) => <a href={`/interaction/interviews/${row.id}`}>{row.topic}</a>,
        },
        { header: t.fields.startsAt, cell: (row) => formatDateTime(row.startsAt) },
        {
          header: t.fields.guests,
          cell: (row) => row.guests.map((guest) => `${guest.unit}${guest.title}${guest.name}`).join("、"),
        },
      ]}
    />
  );
}

export default async function InterviewsPage() {
  const site = await getCurrentSite();
  const { live, upcoming, past } = await listPublicInterviews(site.id);
  return (
    <InteractionPage site={site} crumb={t.title}>
      <p>{t.portal.intro}</p>
      {live.length ? (
        <>
          <h2>{t.portal.live}</h2>
          <InterviewTable rows={live} label={t.portal.live} />
        </>
      ) : null}
      <h2>{t.portal.upcoming}</h2>
      <InterviewTable rows={upcoming} label={t.portal.upcoming} />
      <h2>{t.portal.past}</h2>
      <InterviewTable rows={past} label={t.portal.past} />
    </InteractionPage>
  );
}
