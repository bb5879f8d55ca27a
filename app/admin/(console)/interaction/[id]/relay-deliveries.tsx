import { formatDateTime } from "@/lib/format";
import { DataTable } from "@/components/ui/data-table";
import { ActionForm } from "@/components/admin/action-form";
import { retryReplyDeliveryAction } from "./relay-actions";
import type { getLetter } from "@/lib/interaction/handling/get-letter";

// 答复回传: a relayed letter's approved replies as they went back to the relay (REPLY deliveries).

type Relay = NonNullable<Awaited<ReturnType<typeof getLetter>>["relay"]>;

export function RelayDeliveries({ relay }: { relay: Relay }) {
  return (
    <section aria-labelledby="letter-relay">
      <h2 id="letter-relay">答复回传</h2>
      <p>
        本留言经互动接入“{relay.relayName}”转来{relay.relayActive ? "" : "（该接入已停用）"}
        ，接入方消息编号 {relay.messageId ?? "—"}。审核通过的答复经渠道“{relay.channelName}”回传，
        来信人在原渠道查看答复。
      </p>
      <DataTable
        rows={relay.deliveries}
        rowKey={(delivery) => delivery.id}
        label="答复回传记录"
        columns={[
          { header: "答复", cell: (delivery) => `第 ${delivery.round} 次答复` },
          { header: "渠道", cell: (delivery) => delivery.channelName },
          { header: "状态", cell: (delivery) => delivery.stateLabel },
          { header: "尝试次数", cell: (delivery) => String(delivery.attempts) },
          { header: "计划时间", cell: (delivery) => formatDateTime(delivery.createdAt) },
          {
            header: "送达时间",
            cell: (delivery) =>
              delivery.acknowledgedAt
                ? formatDateTime(delivery.acknowledgedAt)
                : delivery.sentAt
                  ? formatDateTime(delivery.sentAt)
                  : "—",
          },
          { header: "内容校验值", cell: (delivery) => <code>{delivery.contentHash.slice(0, 12)}</code> },
          relay.canRetry && {
            header: "操作",
            cell: (delivery) =>
              delivery.status === "FAILED" ? (
                <ActionForm
                  action={retryReplyDeliveryAction}
                  submitLabel="重新回传"
                  className="inline-form"
                  confirm="请先向接入方确认其未收到该答复。重新回传？"
                >
                  <input type="hidden" name="deliveryId" value={delivery.id} />
                </ActionForm>
              ) : null,
          },
        ]}
        empty="尚无审核通过的答复需要回传。"
      />
    </section>
  );
}
