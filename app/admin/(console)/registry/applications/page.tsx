// GET /admin/registry/applications – 政务新媒体审批表: 待我审批 and the applications of the units the actor may see.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { listApplications } from "@/lib/registry/list-applications";
import { formatDateTime } from "@/lib/format";
import { RegistryNav } from "../registry-nav";
import { DataTable } from "@/components/ui/data-table";

type Item = Awaited<ReturnType<typeof listApplications>>[number];

function ApplicationTable({ items, label, empty }: { items: Item[]; label: string; empty: string }) {
  return (
    <DataTable
      rows={items}
      rowKey={(item) => item.id}
      label={label}
      columns={[
        {
          header: "申请",
          cell: (item) => (
            <Link href={`/admin/registry/applications/${item.id}`}>
              {item.kindLabel}
              {item.accountName ? `“${item.accountName}”` : "账号"}
            </Link>
          ),
        },
        { header: "主办单位", cell: (item) => item.unit },
        { header: "平台", cell: (item) => item.platform },
        { header: "提交人", cell: (item) => item.submittedBy },
        { header: "提交时间", cell: (item) => formatDateTime(item.submittedAt) },
        {
          header: "状态",
          cell: (item) => (
            <>
              {item.statusLabel}
              {item.currentStepName ? `（${item.currentStepName}）` : null}
            </>
          ),
        },
      ]}
      empty={empty}
    />
  );
}

export default async function RegistryApplicationsPage() {
  const actor = await requireActor();
  const [todo, all] = await orPageError(
    Promise.all([listApplications(actor, "todo"), listApplications(actor, "unit")]),
  );
  return (
    <>
      <h1>政务新媒体审批表</h1>
      <RegistryNav current="applications" />
      <section aria-labelledby="todo-title">
        <h2 id="todo-title">待我审批（{todo.length}）</h2>
        <ApplicationTable items={todo} label="待我审批的申请" empty="暂无待您审批的申请。" />
      </section>
      <section aria-labelledby="all-title" style={{ marginTop: "1.5rem" }}>
        <h2 id="all-title">本单位申请</h2>
        <ApplicationTable items={all} label="本单位申请" empty="暂无申请。" />
      </section>
    </>
  );
}
