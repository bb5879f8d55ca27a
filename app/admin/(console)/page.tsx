// GET /admin – the back-office dashboard of the signed-in user.
import { headers } from "next/headers";
import { requireActor } from "./guard";
import Link from "next/link";
import { getDashboard } from "@/lib/org/dashboard";
import { listInbox } from "@/lib/review/queries";
import { listNotifications } from "@/lib/org/notifications";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";

const t = messages.admin;

export default async function DashboardPage() {
  const actor = await requireActor();
  const [dashboard, inbox, notifications] = await Promise.all([
    getDashboard(actor),
    listInbox(actor),
    listNotifications(actor, 1),
  ]);
  // Sites are told apart by host name; keep the port this admin was reached on.
  const port = (await headers()).get("host")?.match(/:(\d+)$/)?.[1];
  const siteUrl = (hosts: string[]) => {
    const host = hosts.find((candidate) => candidate.endsWith(".localhost")) ?? hosts[0];
    return host ? `//${host}${port ? `:${port}` : ""}/` : null;
  };
  return (
    <>
      <h1>{t.welcome(actor.displayName)}</h1>
      <p>
        {dashboard.previousSignIn
          ? `${t.lastSignIn}：${formatDateTime(dashboard.previousSignIn.at)}${dashboard.previousSignIn.ip ? `（${dashboard.previousSignIn.ip}）` : ""}`
          : t.firstSignIn}
      </p>
      {inbox.length || notifications.unread ? (
        <p className="card" role="note">
          <Link href="/admin/review">
            待我审核 {inbox.length} 篇{notifications.unread ? `，未读消息 ${notifications.unread} 条` : ""}
          </Link>
        </p>
      ) : null}
      <div className="card-grid">
        <section className="card" aria-labelledby="roles-title">
          <h2 id="roles-title">{t.myRoles}</h2>
          <ul>
            {actor.memberships.map((membership) => (
              <li key={`${membership.orgId}-${membership.role}`}>
                {membership.orgName} · {messages.roles[membership.role]}
                {membership.checks.length > 0
                  ? `（${membership.checks.map((check) => messages.checks[check as keyof typeof messages.checks] ?? check).join("、")}）`
                  : null}
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="library-title">
          <h2 id="library-title">{t.library}</h2>
          <DataTable
            rows={dashboard.liveByKind}
            rowKey={(row) => row.kind}
            label={t.library}
            headerHidden
            columns={[
              { header: "类型", isRowHeader: true, cell: (row) => messages.resourceKinds[row.kind] },
              { header: "数量", cell: (row) => `${row.count} ${t.publications}` },
            ]}
            empty="资源库暂无发布中的资源。"
          />
        </section>
        <section className="card" aria-labelledby="sites-title">
          <h2 id="sites-title">{t.sites}</h2>
          <ul>
            {dashboard.sites.map((site) => (
              <li key={site.id}>
                {site.name}（{site.siteCode}）
                {siteUrl(site.hosts) ? (
                  <>
                    {" "}
                    <a href={siteUrl(site.hosts)!}>{t.viewSite}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section className="card" aria-labelledby="latest-title">
        <h2 id="latest-title">{t.latestPublications}</h2>
        <DataTable
          rows={dashboard.latest}
          rowKey={(item) => item.resourceId}
          label={t.latestPublications}
          headerHidden
          columns={[
            { header: "标题", cell: (item) => item.title },
            { header: "发布时间", cell: (item) => formatDateTime(item.publishedAt) },
          ]}
          empty="暂无发布的信息。"
        />
      </section>
    </>
  );
}
