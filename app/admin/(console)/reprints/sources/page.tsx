// GET /admin/reprints/sources – 转载源: the supervising unit's upper-level feeds, the sites that must reprint from each, fetch state.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { listReprintSources } from "@/lib/reports/reprint/sources";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";
import { ActionForm, CheckboxGroup, Field } from "@/components/admin/action-form";
import { fetchReprintSourceAction, saveReprintSourceAction } from "./actions";

const t = messages.reprint.sources;

export default async function ReprintSourcesPage() {
  const actor = await requireActor();
  const { sources, sites } = await orPageError(listReprintSources(actor));
  const siteOptions = sites.map((site) => ({ value: site.id, label: site.name }));
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/reprints">{messages.reprint.title}</Link> &gt; {t.title}
      </p>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <DataTable
        rows={sources}
        rowKey={(source) => source.id}
        label={t.title}
        empty={t.none}
        columns={[
          { header: t.name, cell: (source) => source.name, isRowHeader: true },
          { header: t.feedUrl, cell: (source) => <code>{source.feedUrl}</code> },
          { header: t.sites, cell: (source) => source.subscriptions.map((s) => s.site.name).join("、") || "—" },
          { header: t.enabled, cell: (source) => (source.enabled ? t.enabled : t.disabled) },
          { header: t.format, cell: (source) => source.format ?? "—" },
          {
            header: t.lastFetchedAt,
            cell: (source) => (source.lastFetchedAt ? formatDateTime(source.lastFetchedAt) : t.never),
          },
          {
            header: t.lastError,
            cell: (source) =>
              source.lastError ? (
                <span className="form-error">
                  {source.lastError}（{formatDateTime(source.lastErrorAt ?? source.createdAt)}）
                </span>
              ) : (
                "—"
              ),
          },
          { header: t.entries, cell: (source) => source._count.entries },
          {
            header: t.fetchNow,
            cell: (source) => (
              <ActionForm action={fetchReprintSourceAction} submitLabel={t.fetchNow} className="inline-form">
                <input type="hidden" name="sourceId" value={source.id} />
              </ActionForm>
            ),
          },
        ]}
      />
      {sources.map((source) => (
        <details key={source.id}>
          <summary>
            {t.edit}：{source.name}
          </summary>
          <ActionForm action={saveReprintSourceAction} submitLabel={t.save}>
            <input type="hidden" name="sourceId" value={source.id} />
            <input type="hidden" name="version" value={source.version} />
            <Field name="name" id={`name-${source.id}`} label={t.name} defaultValue={source.name} required />
            <Field name="feedUrl" id={`feed-${source.id}`} label={t.feedUrl} defaultValue={source.feedUrl} required />
            <CheckboxGroup
              name="siteIds"
              legend={t.sites}
              options={siteOptions}
              checked={source.subscriptions.map((s) => s.siteId)}
            />
            <label className="inline">
              <input type="checkbox" name="enabled" defaultChecked={source.enabled} /> {t.enabled}
            </label>
          </ActionForm>
        </details>
      ))}
      <h2>{t.create}</h2>
      <ActionForm action={saveReprintSourceAction} submitLabel={t.save}>
        <Field name="name" label={t.name} required />
        <Field name="feedUrl" label={t.feedUrl} required />
        <CheckboxGroup name="siteIds" legend={t.sites} options={siteOptions} />
        <label className="inline">
          <input type="checkbox" name="enabled" defaultChecked /> {t.enabled}
        </label>
      </ActionForm>
    </>
  );
}
