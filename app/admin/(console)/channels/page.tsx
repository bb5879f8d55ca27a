// GET /admin/channels – the new-media channels this site administrator keeps (分发渠道).
import Link from "next/link";
import { orPageError, requireActor } from "../guard";
import { ACCOUNT_STATUS_LABELS, CHANNEL_KIND_LABELS, listManagedChannels } from "@/lib/channels/channels";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";


export default async function ChannelsPage() {
  const actor = await requireActor();
  const channels = await orPageError(listManagedChannels(actor));
  return (
    <>
      <h1>分发渠道</h1>
      <p>
        稿件发布时同步分发到所选渠道（分发同时）。每个渠道须关联本单位已备案、状态正常的政务新媒体账号。
        <Link href="/admin/channels/new">新建渠道</Link>
      </p>
      {channels.length === 0 ? <p>您还没有可管理的渠道。</p> : null}
      <table className="simple">
        <thead>
          <tr>
            <th scope="col">渠道</th>
            <th scope="col">类型</th>
            <th scope="col">所属单位</th>
            <th scope="col">关联账号</th>
            <th scope="col">凭据</th>
            <th scope="col">状态</th>
            <th scope="col">最近分发</th>
          </tr>
        </thead>
        <tbody>
          {channels.map((channel) => (
            <tr key={channel.id}>
              <td>
                <Link href={`/admin/channels/${channel.id}`}>{channel.name}</Link>
              </td>
              <td>{CHANNEL_KIND_LABELS[channel.kind]}</td>
              <td>{channel.org.name}</td>
              <td>
                {channel.account.name}（{ACCOUNT_STATUS_LABELS[channel.account.status]}）
              </td>
              <td>{channel.kind === "FEED" ? "无需凭据" : channel.credentialsSet ? "已设置" : "未设置"}</td>
              <td>{!channel.active ? "已停用" : channel.receiving ? "正常" : "账号不在正常状态，暂停分发"}</td>
              <td>
                {channel.lastDelivery
                  ? `${formatDateTime(channel.lastDelivery.createdAt)} ${messages.deliveryActions[channel.lastDelivery.action]} · ${messages.deliveryStatus[channel.lastDelivery.status]}`
                  : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
