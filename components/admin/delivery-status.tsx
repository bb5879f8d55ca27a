// 分发状态: each channel delivery of a resource (status, attempts, the platform's error) with a
// 重试 button for failed ones, on the resource page. Shown to whoever may see deliveries.
import Link from "next/link";
import type { ComponentProps } from "react";
import type { Principal } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { listDeliveries } from "@/lib/channels/delivery-status";
import { ActionForm } from "@/components/admin/action-form";
import { DataTable } from "@/components/ui/data-table";

const STATUS_CLASS: Record<string, string> = {
  PENDING: "badge",
  SENT: "badge",
  ACKNOWLEDGED: "badge",
  FAILED: "badge warn",
};

/** `retryAction` is the route's server action for 重试 (components import no route code). */
export async function DeliveryStatus({
  actor,
  resourceId,
  retryAction,
}: {
  actor: Principal;
  resourceId: string;
  retryAction: ComponentProps<typeof ActionForm>["action"];
}) {
  let data: Awaited<ReturnType<typeof listDeliveries>>;
  try {
    data = await listDeliveries(actor, resourceId);
  } catch (error) {
    if (error instanceof DomainError && (error.code === "FORBIDDEN" || error.code === "NOT_FOUND")) return null;
    throw error;
  }
  if (data.deliveries.length === 0) return null;
  return (
    <section className="delivery-status" id="delivery-status" aria-labelledby="delivery-status-title">
      <h2 id="delivery-status-title">分发状态</h2>
      <p>
        <Link href={`/admin/library/${resourceId}#delivery-status`} prefetch={false}>
          刷新状态
        </Link>
      </p>
      <DataTable
        rows={data.deliveries}
        rowKey={(delivery) => delivery.id}
        label="各渠道分发记录"
        columns={[
          {
            header: "渠道",
            cell: (delivery) => (
              <>
                {delivery.channelName}
                <span className="badge">{delivery.channelKindLabel}</span>
              </>
            ),
          },
          { header: "操作", cell: (delivery) => delivery.actionLabel },
          {
            header: "状态",
            cell: (delivery) => <span className={STATUS_CLASS[delivery.status]}>{delivery.statusLabel}</span>,
          },
          { header: "尝试次数", cell: (delivery) => delivery.attempts },
          {
            header: "时间",
            cell: (delivery) => (
              <>
                计划：{formatDateTime(delivery.createdAt)}
                {delivery.lastAttemptAt ? (
                  <>
                    <br />
                    最近尝试：{formatDateTime(delivery.lastAttemptAt)}
                  </>
                ) : null}
                {delivery.acknowledgedAt ? (
                  <>
                    <br />
                    确认：{formatDateTime(delivery.acknowledgedAt)}
                  </>
                ) : delivery.sentAt ? (
                  <>
                    <br />
                    发送：{formatDateTime(delivery.sentAt)}
                  </>
                ) : null}
              </>
            ),
          },
          { header: "错误信息", cell: (delivery) => delivery.lastError ?? "—" },
          data.canRetry && {
            header: "处理",
            cell: (delivery) =>
              delivery.status === "FAILED" ? (
                <ActionForm action={retryAction} submitLabel="重试" className="inline-form">
                  <input type="hidden" name="deliveryId" value={delivery.id} />
                </ActionForm>
              ) : null,
          },
        ]}
      />
    </section>
  );
}
