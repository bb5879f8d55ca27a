// GET /admin – the back-office dashboard of the signed-in user, by role (lib/dashboard).
import { headers } from "next/headers";
import { requireActor } from "./guard";
import Link from "next/link";
import { getDashboard } from "@/lib/dashboard/platform-facts";
import { getRoleDashboard } from "@/lib/dashboard/get-dashboard";
import { listNotifications } from "@/lib/org/notifications";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";
import { EditorDesk, SiteCounts, TodoList, UnitCounts } from "@/components/admin/dashboard-sections";
import { cancelScheduleAction } from "./actions";

const t = messages.admin;

export default async function DashboardPage() {
  const actor = await requireActor();
  const [dashboard, work, notifications] = await Promise.all([
    getDashboard(actor),
    getRoleDashboard(actor),
    listNotifications(actor, 1),
  ]);
  // Sites are told apart by host name; keep the port this admin was reached on.
  const port = (await headers()).get("host")?.match(/:(\d+)$/)?.[1];
  const portalUrl = (hosts: string[], path: string) => {
    const host = hosts.find((candidate) => candidate.endsWith(".localhost")) ?? hosts[0];
    return host ? `//${host}${port ? `:${port}` : ""}${path}` : null;
  };
  return (
    <>
      <h1>{t.welcome(actor.displayName)}</h1>
      <p>
        {dashboard.previousSignIn
          ? `${t.lastSignIn}：${formatDateTime(dashboard.previousSignIn.at)}${dashboard.previousSignIn.ip ? `（${dashboard.previousSignIn.ip}）` : ""}`
          : t.firstSignIn}
        {notifications.unread ? (
          <>
            {" "}
            <Link href="/admin/review">未读消息 {notifications.unread} 条</Link>
          </>
        ) : null}
      </p>
      {work.todo ? <TodoList todo={work.todo} /> : null}
      {work.desk ? (
        <EditorDesk desk={work.desk} cancelScheduleAction={cancelScheduleAction} portalUrl={portalUrl} />
      ) : null}
      {work.sites ? <SiteCounts sites={work.sites} portalUrl={portalUrl} /> : null}
      {work.units ? <UnitCounts units={work.units} /> : null}
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
                {portalUrl(site.hosts, "/") ? (
                  <>
                    {" "}
                    <a href={portalUrl(site.hosts, "/")!}>{t.viewSite}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      </div>
      {work.desk ? null : (
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
      )}
    </>
  );
}
