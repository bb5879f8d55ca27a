import Link from "next/link";
import type { ComponentProps } from "react";
import { ActionForm } from "@/components/admin/action-form";
import { DataTable } from "@/components/ui/data-table";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import type { getRoleDashboard } from "@/lib/dashboard/get-dashboard";

// The parts of the role dashboard (/admin): the editor's desk, 待我处理, counts per unit and per site.

type Dashboard = Awaited<ReturnType<typeof getRoleDashboard>>;
type FormAction = ComponentProps<typeof ActionForm>["action"];
/** A portal address for a site's hosts and a path (the route knows the port it was reached on). */
export type PortalUrl = (hosts: string[], path: string) => string | null;

const t = messages.dashboard;

export function EditorDesk({
  desk,
  cancelScheduleAction,
  portalUrl,
}: {
  desk: NonNullable<Dashboard["desk"]>;
  cancelScheduleAction: FormAction;
  portalUrl: PortalUrl;
}) {
  const count = (key: keyof typeof t.deskCounts) => desk.counts.find((entry) => entry.key === key)!;
  const more = (key: keyof typeof t.deskCounts) => (
    <p>
      <Link href={count(key).href}>
        {t.openInLibrary}（{count(key).count} {t.countUnit}）
      </Link>
    </p>
  );
  return (
    <>
      <section className="card" aria-labelledby="desk-title">
        <h2 id="desk-title">{t.desk}</h2>
        <ul className="dashboard-counts">
          {desk.counts.map((entry) => (
            <li key={entry.key}>
              <Link href={entry.href} aria-label={`${t.deskCounts[entry.key]} ${entry.count} ${t.countUnit}`}>
                <strong data-count={entry.key}>{entry.count}</strong>
                <span>{t.deskCounts[entry.key]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <div className="card-grid">
        <section className="card" aria-labelledby="drafts-title">
          <h2 id="drafts-title">{t.drafts}</h2>
          <DataTable
            rows={desk.drafts}
            rowKey={(item) => item.id}
            label={t.drafts}
            columns={[
              {
                header: "标题",
                isRowHeader: true,
                cell: (item) => <Link href={`/admin/library/${item.id}`}>{item.title || "（未命名草稿）"}</Link>,
              },
              { header: "更新时间", cell: (item) => formatDateTime(item.updatedAt) },
            ]}
            empty={t.noDrafts}
          />
          {more("drafts")}
        </section>
        <section className="card" aria-labelledby="returned-title">
          <h2 id="returned-title">{t.returned}</h2>
          <DataTable
            rows={desk.returned}
            rowKey={(item) => item.id}
            label={t.returned}
            columns={[
              {
                header: "标题",
                isRowHeader: true,
                cell: (item) => <Link href={`/admin/library/${item.id}`}>{item.title || "（未命名草稿）"}</Link>,
              },
              {
                header: "退回理由",
                cell: (item) => (
                  <>
                    {item.reason}
                    {item.returnedBy ? (
                      <small>
                        {" "}
                        — {t.returnedBy(item.returnedBy, item.stage ?? "")}
                        {item.at ? ` ${formatDateTime(item.at)}` : ""}
                      </small>
                    ) : null}
                  </>
                ),
              },
            ]}
            empty={t.noReturned}
          />
          {more("returned")}
        </section>
      </div>
      <div className="card-grid">
        <section className="card" aria-labelledby="scheduled-title">
          <h2 id="scheduled-title">{t.scheduled}</h2>
          <DataTable
            rows={desk.scheduled}
            rowKey={(item) => item.scheduleId}
            label={t.scheduled}
            columns={[
              {
                header: "标题",
                isRowHeader: true,
                cell: (item) => <Link href={`/admin/library/${item.resourceId}`}>{item.title}</Link>,
              },
              { header: "发布时间", cell: (item) => formatDateTime(item.runAt) },
              { header: "单位", cell: (item) => item.unit },
              {
                header: "操作",
                cell: (item) =>
                  item.canCancel ? (
                    <ActionForm
                      action={cancelScheduleAction}
                      submitLabel={t.cancelSchedule}
                      className="inline-form"
                      confirm={t.cancelScheduleConfirm}
                    >
                      <input type="hidden" name="scheduleId" value={item.scheduleId} />
                    </ActionForm>
                  ) : null,
              },
            ]}
            empty={t.noScheduled}
          />
          {more("scheduled")}
        </section>
        <section className="card" aria-labelledby="recent-title">
          <h2 id="recent-title">{t.recent}</h2>
          <DataTable
            rows={desk.recent}
            rowKey={(item) => item.resourceId}
            label={t.recent}
            columns={[
              {
                header: "标题",
                isRowHeader: true,
                cell: (item) => {
                  const href = portalUrl(item.hosts, item.path);
                  return href ? (
                    <a href={href} target="_blank" rel="noopener">
                      {item.title}
                    </a>
                  ) : (
                    <>
                      {item.title} <small>{t.notPlaced}</small>
                    </>
                  );
                },
              },
              { header: "栏目", cell: (item) => item.site ?? "—" },
              {
                header: "发布时间",
                cell: (item) => (
                  <>
                    {formatDateTime(item.publishedAt)}
                    {item.updatedAt ? <small>（更新于 {formatDateTime(item.updatedAt)}）</small> : null}
                  </>
                ),
              },
            ]}
            empty={t.noRecent}
          />
          {more("published")}
        </section>
      </div>
    </>
  );
}

export function TodoList({ todo }: { todo: NonNullable<Dashboard["todo"]> }) {
  return (
    <section className="card" aria-labelledby="todo-title">
      <h2 id="todo-title">
        {t.todo}（{todo.length}）
      </h2>
      <DataTable
        rows={todo}
        rowKey={(item) => item.key}
        label={t.todo}
        columns={[
          { header: "事项", cell: (item) => item.typeLabel },
          {
            header: "标题",
            isRowHeader: true,
            cell: (item) => (
              <>
                <Link href={item.href}>{item.title}</Link>
                {item.flagged ? <span className="badge warn">{t.flagged}</span> : null}
              </>
            ),
          },
          { header: "当前环节", cell: (item) => item.step },
          { header: "单位", cell: (item) => item.unit },
          { header: "提交人", cell: (item) => item.submittedBy },
          { header: t.waitingSince, cell: (item) => formatDateTime(item.since) },
        ]}
        empty={t.noTodo}
      />
    </section>
  );
}

export function UnitCounts({ units }: { units: NonNullable<Dashboard["units"]> }) {
  const states = messages.resourceStates;
  return (
    <section className="card" aria-labelledby="units-title">
      <h2 id="units-title">{t.units}</h2>
      <DataTable
        rows={units}
        rowKey={(unit) => unit.orgId}
        label={t.units}
        columns={[
          { header: t.unit, isRowHeader: true, cell: (unit) => unit.name },
          ...(Object.keys(states) as (keyof typeof states)[]).map((state) => ({
            header: states[state],
            key: state,
            align: "end" as const,
            cell: (unit: (typeof units)[number]) => {
              const entry = unit.states.find((candidate) => candidate.state === state)!;
              return (
                <Link href={entry.href} aria-label={`${unit.name} ${states[state]} ${entry.count} ${t.countUnit}`}>
                  {entry.count}
                </Link>
              );
            },
          })),
          {
            header: t.total,
            align: "end",
            cell: (unit) => <Link href={unit.totalHref}>{unit.total}</Link>,
          },
        ]}
        empty={t.noUnits}
      />
    </section>
  );
}

export function SiteCounts({ sites, portalUrl }: { sites: NonNullable<Dashboard["sites"]>; portalUrl: PortalUrl }) {
  return (
    <section className="card" aria-labelledby="site-counts-title">
      <h2 id="site-counts-title">{t.sites}</h2>
      <DataTable
        rows={sites}
        rowKey={(site) => site.id}
        label={t.sites}
        columns={[
          {
            header: "网站",
            isRowHeader: true,
            cell: (site) => {
              const href = portalUrl(site.hosts, "/");
              return (
                <>
                  {href ? <a href={href}>{site.name}</a> : site.name}
                  <small>（{site.siteCode}）</small>
                </>
              );
            },
          },
          {
            header: t.siteColumns,
            align: "end",
            cell: (site) => <Link href={`/admin/sites/${site.id}`}>{site.columns}</Link>,
          },
          { header: t.siteLive, align: "end", cell: (site) => site.liveItems },
          {
            header: t.siteLastPublished,
            cell: (site) =>
              site.lastPublishedAt ? (
                <>
                  {formatDateTime(site.lastPublishedAt)}
                  {site.isStale ? <span className="badge warn">{t.siteStale}</span> : null}
                </>
              ) : (
                <span className="badge warn">{t.never}</span>
              ),
          },
        ]}
        empty="—"
      />
    </section>
  );
}
