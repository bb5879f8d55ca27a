// GET /admin/channels – the new-media channels this site administrator keeps (分发渠道).
import Link from "next/link";
import { orPageError, requireActor } from "../guard";
import { listManagedChannels } from "@/lib/channels/channel-admin";
import { formatDateTime } from "@/lib/format";
import { DataTable } from "@/components/ui/data-table";
import { messages } from "@/lib/i18n/zh-CN";

export default async function ChannelsPage() {
  const actor = await requireActor();
  const channels = await orPageError(listManagedChannels(actor));
  return (
    <>
      <h1>分发渠道</h1>
      <p>
        稿件发布时同步分发到所选渠道（分发同时）。每个渠道须关联本单位已备案、状态正常的政务新媒体账号；
        “未配置”的渠道缺少接口设置或凭据，采编选择渠道时不提供，配置完成后即可选用。
        <Link href="/admin/channels/new">新建渠道</Link>
      </p>
      <DataTable
        rows={channels}
        rowKey={(channel) => channel.id}
        label="分发渠道列表"
        columns={[
          { header: "渠道", cell: (channel) => <Link href={`/admin/channels/${channel.id}`}>{channel.name}</Link> },
          { header: "类型", cell: (channel) => messages.newMedia.channelKinds[channel.kind] },
          { header: "所属单位", cell: (channel) => channel.org.name },
          {
            header: "关联账号",
            cell: (channel) => `${channel.account.name}（${messages.newMedia.accountStatus[channel.account.status]}）`,
          },
          {
            header: "配置",
            cell: (channel) =>
              channel.setupProblem ? (
                <>
                  <span className="badge warn">{messages.channelSetup.unconfigured}</span>
                  <br />
                  <small className="secondary">{channel.setupProblem}，不能选用</small>
                </>
              ) : (
                <span className="badge">
                  {channel.kind === "FEED" ? messages.channelSetup.noCredentials : messages.channelSetup.ready}
                </span>
              ),
          },
          {
            header: "状态",
            cell: (channel) => (!channel.active ? "已停用" : channel.receiving ? "正常" : "账号不在正常状态，暂停分发"),
          },
          {
            header: "最近分发",
            cell: (channel) =>
              channel.lastDelivery
                ? `${formatDateTime(channel.lastDelivery.createdAt)} ${messages.deliveryActions[channel.lastDelivery.action]} · ${channel.lastDelivery.stateLabel}`
                : "—",
          },
        ]}
        empty="您还没有可管理的渠道。"
      />
    </>
  );
}
