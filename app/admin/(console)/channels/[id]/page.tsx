// GET /admin/channels/:id – edit a channel: account, settings, credentials (replace only), 停用/启用.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { setChannelActiveAction, updateChannelAction } from "../actions";
import { getChannelForEdit, listChannelFormChoices } from "@/lib/channels/channel-admin";
import { messages } from "@/lib/i18n/zh-CN";
import { ActionForm, Field } from "@/components/admin/action-form";
import { ChannelSecretFields, ChannelSettingsFields } from "@/components/channels/channel-fields";

export default async function EditChannelPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const actor = await requireActor();
  const { id } = await params;
  const { channel, configFields, secretFields, credentialsReadable } = await orPageError(getChannelForEdit(actor, id));
  const choices = await orPageError(listChannelFormChoices(actor, { includeAccountId: channel.accountId }));
  const created = (await searchParams).created === "1";
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/channels">分发渠道</Link> &gt; {channel.name}
      </p>
      <h1>{channel.name}</h1>
      {created ? <p className="form-ok">已新建渠道。</p> : null}
      {credentialsReadable ? null : (
        <p className="form-error">已保存的接口凭据无法用当前密钥（CHANNEL_SECRET_KEY）解密，请重新设置凭据。</p>
      )}
      {channel.setupProblem ? (
        <p className="notice">
          <span className="badge warn">{messages.channelSetup.unconfigured}</span> {channel.setupProblem}
          。配置完成前，采编选择分发渠道时不会提供此渠道。
        </p>
      ) : null}
      <p>
        类型：{messages.newMedia.channelKinds[channel.kind]}　所属单位：{channel.org.name}　关联账号：
        {channel.account.name}（{messages.newMedia.accountStatus[channel.account.status]}）　状态：
        {!channel.active
          ? "已停用"
          : channel.setupProblem
            ? messages.channelSetup.unconfigured
            : channel.receiving
              ? "正常"
              : "账号不在正常状态，暂停分发"}
      </p>
      <ActionForm action={updateChannelAction} submitLabel="保存渠道">
        <input type="hidden" name="channelId" value={channel.id} />
        <input type="hidden" name="orgId" value={channel.orgId} />
        <Field name="name" label="渠道名称" required defaultValue={channel.name} />
        <Field
          name="accountId"
          label="关联的政务新媒体账号"
          type="select"
          options={choices.accounts}
          defaultValue={channel.accountId}
          required
        />
        <ChannelSettingsFields fields={configFields} values={channel.config} />
        <ChannelSecretFields fields={secretFields} />
      </ActionForm>
      <h2>停用与启用</h2>
      <ActionForm
        action={setChannelActiveAction}
        submitLabel={channel.active ? "停用渠道" : "启用渠道"}
        confirm={channel.active ? "停用后不再向该渠道分发新的内容，已分发的内容不受影响。确定停用？" : undefined}
      >
        <input type="hidden" name="channelId" value={channel.id} />
        <input type="hidden" name="active" value={channel.active ? "false" : "true"} />
      </ActionForm>
    </>
  );
}
