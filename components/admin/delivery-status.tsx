// 分发状态: each channel delivery of a resource (status, attempts, the platform's error) with a
// 重试 button for failed ones, on the resource page. Shown to whoever may see deliveries.
import Link from "next/link";
import type { Principal } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { listDeliveries } from "@/lib/channels/deliveries";
import { ActionForm } from "@/components/admin/action-form";
import type { ActionResult } from "@/lib/errors";

const STATUS_CLASS: Record<string, string> = { PENDING: "badge", SENT: "badge", ACKNOWLEDGED: "badge", FAILED: "badge warn" };

type RetryAction = (state: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown>>;

/** `retryDeliveryAction` is the page's server action (components import no route folder). */
export async function DeliveryStatus({ actor, resourceId, retryDeliveryAction }: { actor: Principal; resourceId: string; retryDeliveryAction: RetryAction }) {
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
      <table className="simple">
        <thead>
          <tr>
            <th scope="col">渠道</th>
            <th scope="col">操作</th>
            <th scope="col">状态</th>
            <th scope="col">尝试次数</th>
            <th scope="col">时间</th>
            <th scope="col">错误信息</th>
            {data.canRetry ? <th scope="col">处理</th> : null}
          </tr>
        </thead>
        <tbody>
          {data.deliveries.map((delivery) => (
            <tr key={delivery.id}>
              <td>
                {delivery.channelName}
                <span className="badge">{delivery.channelKindLabel}</span>
              </td>
              <td>{delivery.actionLabel}</td>
              <td>
                <span className={STATUS_CLASS[delivery.status]}>{delivery.statusLabel}</span>
              </td>
              <td>{delivery.attempts}</td>
              <td>
                计划：{formatDateTime(delivery.createdAt)}
                {delivery.lastAttemptAt ? <><br />最近尝试：{formatDateTime(delivery.lastAttemptAt)}</> : null}
                {delivery.acknowledgedAt ? <><br />确认：{formatDateTime(delivery.acknowledgedAt)}</> : delivery.sentAt ? <><br />发送：{formatDateTime(delivery.sentAt)}</> : null}
              </td>
              <td>{delivery.lastError ?? "—"}</td>
              {data.canRetry ? (
                <td>
                  {delivery.status === "FAILED" ? (
                    <ActionForm action={retryDeliveryAction} submitLabel="重试" className="inline-form">
                      <input type="hidden" name="deliveryId" value={delivery.id} />
                    </ActionForm>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
