// GET /admin/review – 待我审核 (by stage, with working-hours age), my submissions, notifications.
import Link from "next/link";
import { requireActor } from "../guard";
import { listInbox, listMySubmissions } from "@/lib/review/queries";
import { listNotifications } from "@/lib/org/notifications";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { ActionForm } from "@/components/admin/action-form";
import { markReadAction } from "./actions";
import { DataTable } from "@/components/ui/data-table";

export default async function ReviewInboxPage() {
  const actor = await requireActor();
  const [inbox, submissions, notifications] = await Promise.all([
    listInbox(actor),
    listMySubmissions(actor),
    listNotifications(actor),
  ]);
  const byStage = new Map<string, typeof inbox>();
  for (const item of inbox) byStage.set(item.stage, [...(byStage.get(item.stage) ?? []), item]);
  return (
    <>
      <h1>审核工作台</h1>
      <section aria-labelledby="inbox-title">
        <h2 id="inbox-title">待我审核（{inbox.length}）</h2>
        {inbox.length === 0 ? <p>暂无待审核的稿件。</p> : null}
        {[...byStage.entries()].map(([stage, items]) => (
          <div key={stage}>
            <h3>{stage}</h3>
            <DataTable
              rows={items}
              rowKey={(item) => item.instanceId}
              label={`${stage}待审稿件`}
              columns={[
                {
                  header: "标题",
                  cell: (item) => (
                    <>
                      <Link href={`/admin/review/${item.instanceId}`}>{item.title}</Link>
                      {item.flagged ? <span className="badge">重大</span> : null}
                      {item.blocking ? <span className="badge badge-danger">{item.blocking} 处须修改</span> : null}
                    </>
                  ),
                },
                {
                  header: "类型",
                  cell: (item) => messages.resourceKinds[item.kind as keyof typeof messages.resourceKinds],
                },
                { header: "所属单位", cell: (item) => item.unit },
                { header: "提交人", cell: (item) => item.submittedBy },
                {
                  header: "待签",
                  cell: (item) =>
                    item.signable.length > 1
                      ? `${item.signable.length} 个关口`
                      : item.signable[0]?.check
                        ? "1 个关口"
                        : "审批",
                },
                {
                  header: "已等待（工作小时）",
                  cellTitle: (item) => `自 ${formatDateTime(item.waitingSince)}`,
                  cell: (item) => item.workingHours,
                },
              ]}
            />
          </div>
        ))}
      </section>
      <section aria-labelledby="mine-title" style={{ marginTop: "1.5rem" }}>
        <h2 id="mine-title">我提交的</h2>
        {submissions.length === 0 ? <p>暂无。</p> : null}
        <ul>
          {submissions.map((submission) => (
            <li key={submission.id}>
              <Link href={`/admin/review/${submission.id}`}>
                {submission.revision.title}（第 {submission.revision.number} 版）
              </Link>
              　{messages.reviewStatus[submission.status]}　{formatDateTime(submission.submittedAt)}
              {submission.publication ? `　已发布 ${formatDateTime(submission.publication.publishedAt)}` : ""}
              {submission.schedules[0]?.status === "FAILED" ? (
                <span className="form-error">　定时发布失败：{submission.schedules[0].error}</span>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="notice-title" style={{ marginTop: "1.5rem" }}>
        <h2 id="notice-title">消息（{notifications.unread} 条未读）</h2>
        <ul>
          {notifications.items.map((item) => (
            <li key={item.id} className={item.readAt || item.doneAt ? undefined : "unread"}>
              {formatDateTime(item.createdAt)}　{item.link ? <Link href={item.link}>{item.title}</Link> : item.title}
              {item.doneAt ? <span className="muted">（已办结）</span> : null}
            </li>
          ))}
        </ul>
        {notifications.unread ? <ActionForm action={markReadAction} submitLabel="全部标为已读" /> : null}
      </section>
    </>
  );
}
