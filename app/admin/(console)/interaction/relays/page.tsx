// GET /admin/interaction/relays – 互动接入: the back ends (融媒体中心, 微信/微博后台, 12345) that relay
// messages into a site's letter queue, registered, re-keyed and stopped by site administrators.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { createRelayAction, rotateRelaySecretAction, setRelayActiveAction } from "./actions";
import { listManagedRelays, listRelayFormChoices } from "@/lib/interaction/inbound/relays";
import { formatDateTime } from "@/lib/format";
import { ActionForm, Field } from "@/components/admin/action-form";
import { DataTable } from "@/components/ui/data-table";

export default async function RelaysPage() {
  const actor = await requireActor();
  const [relays, choices] = await Promise.all([
    orPageError(listManagedRelays(actor)),
    orPageError(listRelayFormChoices(actor)),
  ]);
  return (
    <>
      <h1>互动接入</h1>
      <p>
        融媒体中心、政务微信/微博后台、12345 平台等接入方把群众留言签名后推送到
        <code>POST /api/interaction/inbound</code>，留言进入本网站的同一办理队列（同样的时限与流程），并标明来源渠道；
        审核通过的答复经所选 Webhook 渠道回传接入方（同源同步同反馈）。接入协议见文档“渠道对接”。回传地址须先在
        <Link href="/admin/channels">分发渠道</Link>中建为 Webhook 渠道。
      </p>
      <DataTable
        rows={relays}
        rowKey={(relay) => relay.id}
        label="互动接入列表"
        columns={[
          { header: "接入", cell: (relay) => relay.name },
          { header: "网站", cell: (relay) => relay.siteName },
          { header: "来源渠道", cell: (relay) => relay.originLabel },
          {
            header: "答复回传渠道",
            cell: (relay) => `${relay.channel.name}${relay.channel.active ? "" : "（渠道已停用）"}`,
          },
          { header: "接入编号", cell: (relay) => <code>{relay.id}</code> },
          { header: "状态", cell: (relay) => (relay.active ? "正常" : "已停用") },
          { header: "转来留言", cell: (relay) => `${relay.letters} 件` },
          { header: "最近推送", cell: (relay) => (relay.lastMessageAt ? formatDateTime(relay.lastMessageAt) : "—") },
          { header: "密钥更换于", cell: (relay) => formatDateTime(relay.secretRotatedAt) },
          {
            header: "操作",
            cell: (relay) => (
              <>
                <ActionForm
                  action={rotateRelaySecretAction}
                  submitLabel="更换密钥"
                  className="inline-form"
                  confirm={`更换“${relay.name}”的签名密钥？旧密钥立即失效，接入方须改用新密钥。`}
                >
                  <input type="hidden" name="relayId" value={relay.id} />
                </ActionForm>
                <ActionForm
                  action={setRelayActiveAction}
                  submitLabel={relay.active ? "停用" : "启用"}
                  className="inline-form"
                  {...(relay.active ? { confirm: `停用“${relay.name}”？其推送的新留言将被拒收。` } : {})}
                >
                  <input type="hidden" name="relayId" value={relay.id} />
                  <input type="hidden" name="active" value={relay.active ? "false" : "true"} />
                </ActionForm>
              </>
            ),
          },
        ]}
        empty="尚未登记互动接入。"
      />
      <section aria-labelledby="new-relay">
        <h2 id="new-relay">登记互动接入</h2>
        <p>登记后显示接入编号和签名密钥，密钥只显示这一次。同一网站每个来源渠道登记一个接入。</p>
        <ActionForm action={createRelayAction} submitLabel="登记接入">
          <Field name="name" label="接入名称" required />
          <Field name="siteId" label="网站" type="select" options={choices.sites} required />
          <Field name="origin" label="来源渠道" type="select" options={choices.origins} required />
          <Field name="channelId" label="答复回传渠道（Webhook）" type="select" options={choices.channels} required />
        </ActionForm>
      </section>
    </>
  );
}
