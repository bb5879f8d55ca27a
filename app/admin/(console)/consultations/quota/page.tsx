// GET /admin/consultations/quota – each site's yearly count of done 征集调查 against its quota; the
// supervising unit sets the quota (portal 6, department site 3), and a site behind is warned in Q4.
import { orPageError, requireActor } from "../../guard";
import { getQuotaOverview } from "@/lib/interaction/consult/quota";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";
import { ActionForm, Field } from "@/components/admin/action-form";
import { setQuotaAction } from "../actions";

const a = messages.consult.admin;

export default async function ConsultationQuotaPage() {
  const actor = await requireActor();
  const { year, rows } = await orPageError(getQuotaOverview(actor));
  const warnings = rows.filter((row) => row.warning);
  return (
    <>
      <h1>
        {a.quota}（{year} 年）
      </h1>
      <p>{a.quotaNote}</p>
      {warnings.length ? (
        <div className="notice" role="alert">
          {warnings.map((row) => (
            <p key={row.siteId}>{a.quotaWarning(row.siteName, row.done, row.quota)}</p>
          ))}
        </div>
      ) : null}
      <DataTable
        rows={rows}
        rowKey={(row) => row.siteId}
        label={a.quota}
        empty="暂无网站。"
        columns={[
          { header: a.quotaColumns.site, cell: (row) => row.siteName },
          {
            header: a.quotaColumns.done,
            cell: (row) => <span data-testid={`quota-done-${row.siteId}`}>{row.done}</span>,
          },
          { header: a.quotaColumns.quota, cell: (row) => row.quota },
          {
            header: a.quotaColumns.status,
            cell: (row) => (row.missing ? a.quotaBehind(row.missing) : a.quotaMet),
          },
        ]}
      />
      {rows.some((row) => row.canSet) ? (
        <section aria-labelledby="quota-set">
          <h2 id="quota-set">{a.setQuota}</h2>
          {rows
            .filter((row) => row.canSet)
            .map((row) => (
              <ActionForm key={row.siteId} action={setQuotaAction} submitLabel={`${a.setQuota}：${row.siteName}`}>
                <input type="hidden" name="siteId" value={row.siteId} />
                <Field
                  id={`quota-${row.siteId}`}
                  name="quota"
                  type="number"
                  label={row.siteName}
                  defaultValue={row.quota}
                />
              </ActionForm>
            ))}
        </section>
      ) : null}
    </>
  );
}
