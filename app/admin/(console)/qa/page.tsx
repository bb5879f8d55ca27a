// GET /admin/qa?theme=&unitId=&state=&flagged= – 答问库: the entries of the actor's units, flagged
// (待复核) first, with the reason and, for reviewers, the confirmation that an entry still holds.
import Link from "next/link";
import { firstParam, orPageError, type PageSearchParams, requireActor } from "../guard";
import { confirmQaEntryAction } from "./actions";
import { listQaEntries, QA_STATES } from "@/lib/interaction/qa/list-entries";
import { ActionForm } from "@/components/admin/action-form";
import { DataTable } from "@/components/ui/data-table";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.qa;
type Props = { searchParams: PageSearchParams };

export default async function QaBasePage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  const { filter, themes, units, entries } = await orPageError(
    listQaEntries(actor, {
      theme: firstParam(params.theme),
      unitId: firstParam(params.unitId),
      state: firstParam(params.state),
      flagged: firstParam(params.flagged),
    }),
  );
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin">工作台</Link> &gt; {t.title}
      </p>
      <h1>{t.title}</h1>
      <p>
        答问的问题即标题、答复口径即正文，在资源库中编辑并经审核后发布到各网站的“{t.column}
        ”栏目和分发渠道。关联政策被废止、修订、更正或失效时，答问标记为“{t.flagged}”。
      </p>
      <form method="get" className="inline-form" aria-label="筛选答问">
        <label htmlFor="filter-theme">{t.fields.themes}</label>
        <select id="filter-theme" name="theme" defaultValue={filter.theme ?? ""}>
          <option value="">{t.filters.all}</option>
          {themes.map((theme) => (
            <option key={theme.code} value={theme.code}>
              {theme.name}
            </option>
          ))}
        </select>
        <label htmlFor="filter-unit">{t.fields.unit}</label>
        <select id="filter-unit" name="unitId" defaultValue={filter.unitId ?? ""}>
          <option value="">{t.filters.all}</option>
          {units.map((unit) => (
            <option key={unit.value} value={unit.value}>
              {unit.label}
            </option>
          ))}
        </select>
        <label htmlFor="filter-state">{t.fields.state}</label>
        <select id="filter-state" name="state" defaultValue={filter.state ?? ""}>
          <option value="">{t.filters.all}</option>
          {QA_STATES.map((state) => (
            <option key={state} value={state}>
              {t.states[state]}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" name="flagged" value="1" defaultChecked={filter.flagged === "1"} />{" "}
          {t.filters.flaggedOnly}
        </label>
        <button type="submit" className="button-inline">
          {t.filters.submit}
        </button>
      </form>
      <DataTable
        rows={entries}
        rowKey={(row) => row.id}
        label={t.title}
        empty={t.empty}
        columns={[
          {
            header: t.fields.question,
            cell: (row) => <Link href={`/admin/library/${row.id}`}>{row.question || "（未命名）"}</Link>,
          },
          { header: t.fields.themes, cell: (row) => row.themes.join("、") || "—" },
          { header: t.fields.unit, cell: (row) => row.unit },
          {
            header: t.fields.validity,
            cell: (row) => (row.validFrom || row.validTo ? `${row.validFrom ?? "—"} 至 ${row.validTo ?? "—"}` : "长期"),
          },
          { header: t.fields.state, cell: (row) => t.states[row.state] },
          { header: t.fields.origin, cell: (row) => t.origins[row.origin] },
          {
            header: t.fields.flag,
            cell: (row) =>
              row.flaggedAt ? (
                <>
                  <strong>{t.flagged}</strong>：{row.flagReason}（{formatDateTime(row.flaggedAt)}）
                  {row.canConfirm ? (
                    <ActionForm action={confirmQaEntryAction} submitLabel={t.confirm}>
                      <input type="hidden" name="resourceId" value={row.id} />
                      <label htmlFor={`note-${row.id}`}>{t.confirmNote}</label>
                      <input id={`note-${row.id}`} name="note" required maxLength={500} />
                    </ActionForm>
                  ) : null}
                </>
              ) : (
                "—"
              ),
          },
          { header: t.fields.updatedAt, cell: (row) => formatDateTime(row.updatedAt) },
        ]}
      />
    </>
  );
}
