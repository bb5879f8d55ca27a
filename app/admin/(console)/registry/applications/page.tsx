// GET /admin/registry/applications – 政务新媒体审批表: 待我审批 and the applications of the units the actor may see.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { listApplications } from "@/lib/registry/list-applications";
import { formatDateTime } from "@/lib/format";
import { RegistryNav } from "../registry-nav";

type Item = Awaited<ReturnType<typeof listApplications>>[number];

function ApplicationTable({ items, empty }: { items: Item[]; empty: string }) {
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <table className="simple">
      <thead>
        <tr>
          <th scope="col">申请</th>
          <th scope="col">主办单位</th>
          <th scope="col">平台</th>
          <th scope="col">提交人</th>
          <th scope="col">提交时间</th>
          <th scope="col">状态</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td>
              <Link href={`/admin/registry/applications/${item.id}`}>
                {item.kindLabel}
                {item.accountName ? `“${item.accountName}”` : "账号"}
              </Link>
            </td>
            <td>{item.unit}</td>
            <td>{item.platform}</td>
            <td>{item.submittedBy}</td>
            <td>{formatDateTime(item.submittedAt)}</td>
            <td>
              {item.statusLabel}
              {item.currentStepName ? `（${item.currentStepName}）` : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function RegistryApplicationsPage() {
  const actor = await requireActor();
  const [todo, all] = await orPageError(Promise.all([listApplications(actor, "todo"), listApplications(actor, "unit")]));
  return (
    <>
      <h1>政务新媒体审批表</h1>
      <RegistryNav current="applications" />
      <section aria-labelledby="todo-title">
        <h2 id="todo-title">待我审批（{todo.length}）</h2>
        <ApplicationTable items={todo} empty="暂无待您审批的申请。" />
      </section>
      <section aria-labelledby="all-title" style={{ marginTop: "1.5rem" }}>
        <h2 id="all-title">本单位申请</h2>
        <ApplicationTable items={all} empty="暂无申请。" />
      </section>
    </>
  );
}
