// GET /admin/channels/new?kind=… – create a channel: choose its kind, then its account and settings.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { createChannelAction } from "../actions";
import { listChannelFormChoices } from "@/lib/channels/channel-admin";
import { CONFIG_FIELDS, secretFieldsOf } from "@/lib/channels/channel-config";
import { CHANNEL_KINDS } from "@/lib/channels/channels";
import { messages } from "@/lib/i18n/zh-CN";
import { ActionForm, Field } from "@/components/admin/action-form";
import { ChannelSecretFields, ChannelSettingsFields } from "@/components/channels/channel-fields";

export default async function NewChannelPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  const actor = await requireActor();
  const choices = await orPageError(listChannelFormChoices(actor));
  const requested = (await searchParams).kind;
  const kind = CHANNEL_KINDS.find((candidate) => candidate === requested);
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/channels">分发渠道</Link> &gt; 新建渠道
      </p>
      <h1>新建渠道{kind ? `：${messages.newMedia.channelKinds[kind]}` : ""}</h1>
      <nav aria-label="渠道类型">
        渠道类型：
        {CHANNEL_KINDS.map((candidate) => (
          <span key={candidate}>
            {candidate === kind ? (
              <strong>{messages.newMedia.channelKinds[candidate]}</strong>
            ) : (
              <Link href={`/admin/channels/new?kind=${candidate}`}>{messages.newMedia.channelKinds[candidate]}</Link>
            )}
            　
          </span>
        ))}
      </nav>
      {kind ? (
        <ActionForm action={createChannelAction} submitLabel="创建渠道">
          <input type="hidden" name="kind" value={kind} />
          <Field name="name" label="渠道名称" required />
          <Field name="orgId" label="所属单位" type="select" options={choices.orgs} required />
          <Field
            name="accountId"
            label="关联的政务新媒体账号（须为所属单位已备案的账号）"
            type="select"
            options={choices.accounts}
            required
          />
          <ChannelSettingsFields fields={CONFIG_FIELDS[kind]} />
          <ChannelSecretFields fields={secretFieldsOf(kind)} />
        </ActionForm>
      ) : (
        <p>请先选择渠道类型。</p>
      )}
    </>
  );
}
