// GET /admin/oversight/inspections?period= – 季度检查 for the supervising unit: run the quarter's
// inspection, its scores, pass rates and ranks, the inspectors' entries with evidence, and the
// quarter's 通报 (draft for review, its state, the .docx in 公文 layout).
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { getInspectionsView } from "@/lib/supervision/inspections-view";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";
import { ActionForm, Field } from "@/components/admin/action-form";
import { SupervisionRequestStatus } from "@/components/admin/supervision-request-status";
import { requestStatusFor } from "@/lib/supervision/requests";
import { draftBulletinAction, recordEntryAction, runInspectionAction } from "../actions";

export const dynamic = "force-dynamic";

const m = messages.supervisionScores;
const i = m.inspection;
type Props = { searchParams: Promise<{ period?: string }> };

export default async function InspectionsPage({ searchParams }: Props) {
  const actor = await requireActor();
  const { period: requested } = await searchParams;
  const [view, status] = await Promise.all([
    orPageError(getInspectionsView(actor, requested)),
    requestStatusFor(actor, "inspection"),
  ]);
  const { inspection, summary } = { inspection: view.inspection, summary: view.inspection?.summary };
  return (
    <>
      <nav className="breadcrumb" aria-label="当前位置">
        <Link href="/admin">工作台</Link> › <Link href="/admin/oversight">{m.overview.title}</Link> › {i.title}
      </nav>
      <h1>
        {i.title}：{view.period}
      </h1>
      {view.periods.length > 1 ? (
        <p>
          {view.periods.map((period) => (
            <span key={period}>
              <Link href={`/admin/oversight/inspections?period=${period}`}>{period}</Link>{" "}
            </span>
          ))}
        </p>
      ) : null}
      <ActionForm action={runInspectionAction} submitLabel={i.run}>
        <Field name="period" label={`${i.period}（${i.periodHint}）`} defaultValue={view.period} />
      </ActionForm>
      {status ? <SupervisionRequestStatus request={status.request} /> : null}
      {inspection && summary ? (
        <>
          <p>
            {i.runAt}：{formatDateTime(inspection.runAt)}
          </p>
          <DataTable
            rows={[
              { key: i.websites, ...summary.websites },
              { key: i.accounts, ...summary.accounts },
            ]}
            rowKey={(row) => row.key}
            caption={`${view.period} 检查总体情况`}
            columns={[
              { header: "", cell: (row) => row.key },
              { header: i.checked, cell: (row) => <span data-testid={`checked-${row.key}`}>{row.total}</span> },
              { header: i.passed, cell: (row) => row.passed },
              { header: i.passRate, cell: (row) => i.percent(row.passRate) },
              { header: i.fail, cell: (row) => row.failing.join("、") || "—" },
            ]}
          />
          <DataTable
            rows={inspection.scores}
            rowKey={(score) => score.id}
            caption={`${view.period} 检查得分`}
            columns={[
              { header: i.rank, cell: (score) => score.rank ?? "—" },
              {
                header: i.name,
                cell: (score) => (
                  <Link
                    href={`/admin/oversight/${score.siteId ? "site" : "account"}/${score.siteId ?? score.accountId}`}
                  >
                    {score.name}
                  </Link>
                ),
              },
              { header: "类型", cell: (score) => m.targets[score.target] },
              { header: i.deduction, cell: (score) => score.deductionScore ?? "—" },
              { header: i.bonus, cell: (score) => score.bonusScore ?? "—" },
              { header: i.score, cell: (score) => score.total ?? "—" },
              {
                header: i.result,
                cell: (score) =>
                  score.vetoed ? (
                    <span className="light-fail">{`${i.fail}（${i.vetoed}）`}</span>
                  ) : score.passed ? (
                    i.pass
                  ) : (
                    <span className="light-fail">{i.fail}</span>
                  ),
              },
            ]}
          />
          <section aria-labelledby="bulletin">
            <h2 id="bulletin">{m.bulletin.title}</h2>
            <p data-testid="bulletin-state">{m.bulletin.states[view.bulletin]}</p>
            {view.bulletin === "NONE" || view.bulletin === "RETURNED" ? (
              <ActionForm action={draftBulletinAction} submitLabel={m.bulletin.draft}>
                <input type="hidden" name="period" value={view.period} />
                <Field name="requirements" type="textarea" label={m.bulletin.requirements} />
              </ActionForm>
            ) : null}
            {view.bulletinResourceId ? (
              <p>
                <a href={`/admin/oversight/bulletin/${view.period}`} download>
                  {m.bulletin.download}
                </a>{" "}
                · <Link href={`/admin/library/${view.bulletinResourceId}`}>资源库中查看</Link>
              </p>
            ) : null}
          </section>
        </>
      ) : (
        <p>{i.none}</p>
      )}
      <section aria-labelledby="entries">
        <h2 id="entries">{i.entries}</h2>
        <DataTable
          rows={view.entries}
          rowKey={(entry) => entry.id}
          caption={i.entries}
          captionHidden
          empty={m.overview.none}
          columns={[
            { header: i.entry.subject, cell: (entry) => entry.subjectName },
            { header: i.entry.indicator, cell: (entry) => `${entry.indicator.code} ${entry.indicator.name}` },
            { header: m.framework.points, cell: (entry) => entry.points },
            { header: i.entry.note, cell: (entry) => entry.note },
            {
              header: m.overview.evidence,
              cell: (entry) => (entry.assetId ? <a href={`/api/assets/${entry.assetId}`}>截图</a> : "—"),
            },
            { header: m.overview.at, cell: (entry) => formatDateTime(entry.createdAt) },
          ]}
        />
        <h3>{i.entry.title}</h3>
        <ActionForm action={recordEntryAction} submitLabel={i.entry.save}>
          <input type="hidden" name="period" value={view.period} />
          <Field name="subject" type="select" label={i.entry.subject} options={view.subjects} />
          <Field
            name="indicatorId"
            type="select"
            label={i.entry.indicator}
            options={view.indicators.map((line) => ({
              value: line.id,
              label: `${m.targets[line.target]} ${line.code} ${line.name}（${m.parts[line.part]}${line.points ? ` ${line.points} 分` : ""}）`,
            }))}
          />
          <Field name="points" type="number" label={i.entry.points} defaultValue={0} />
          <Field name="note" type="textarea" label={i.entry.note} />
          <Field name="file" type="file" label={i.entry.file} accept="image/png,image/jpeg,image/webp" />
        </ActionForm>
      </section>
    </>
  );
}
