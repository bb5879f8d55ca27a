// GET /admin/ask/keys – 智能问答接口密钥: partners' keys for GET /api/qa, created (shown once) and stopped
// by the site's administrator.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { createQaKeyAction, revokeQaKeyAction } from "../actions";
import { listQaKeySites, listQaKeys } from "@/lib/interaction/ask/api-keys";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { ActionForm, Field } from "@/components/admin/action-form";
import { DataTable } from "@/components/ui/data-table";

const t = messages.ask.keys;

export default async function QaKeysPage() {
  const actor = await requireActor();
  const [keys, sites] = await Promise.all([orPageError(listQaKeys(actor)), orPageError(listQaKeySites(actor))]);
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/ask">{messages.ask.curation.title}</Link> &gt; {t.title}
      </p>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <DataTable
        rows={keys}
        rowKey={(key) => key.id}
        label={t.title}
        empty={t.empty}
        columns={[
          { header: t.columns.name, cell: (key) => key.name },
          { header: t.columns.site, cell: (key) => key.siteName },
          { header: t.columns.prefix, cell: (key) => <code>{key.prefix}…</code> },
          { header: t.columns.limit, cell: (key) => key.requestsPerMinute },
          { header: t.columns.createdAt, cell: (key) => formatDateTime(key.createdAt) },
          { header: t.columns.lastUsed, cell: (key) => (key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "—") },
          { header: t.columns.state, cell: (key) => (key.revokedAt ? t.revoked : t.active) },
          {
            header: t.columns.actions,
            cell: (key) =>
              key.revokedAt ? (
                "—"
              ) : (
                <ActionForm
                  action={revokeQaKeyAction}
                  submitLabel={t.revoke}
                  className="inline-form"
                  confirm={`停用“${key.name}”的接口密钥？使用它的请求将被拒绝。`}
                >
                  <input type="hidden" name="keyId" value={key.id} />
                </ActionForm>
              ),
          },
        ]}
      />
      <section aria-labelledby="new-key">
        <h2 id="new-key">{t.create}</h2>
        <ActionForm action={createQaKeyAction} submitLabel={t.create}>
          <Field name="name" label={t.columns.name} required />
          <Field name="siteId" label={t.columns.site} type="select" options={sites} required />
          <Field name="requestsPerMinute" label={t.columns.limit} type="number" defaultValue="600" required />
        </ActionForm>
      </section>
    </>
  );
}
