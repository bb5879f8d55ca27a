// GET /admin/ask?state= – 智能问答待办: questions the question box could not answer or did not
// resolve, per site, with their counts and when last asked; turned into a Q&A draft or a letter,
// or dismissed. Below, 答复解决情况: the 是/否 counts and resolution rate per site and per source.
import Link from "next/link";
import { orPageError, requireActor } from "../guard";
import { dismissQuestionAction, draftFromQuestionAction, letterFromQuestionAction } from "./actions";
import { ASKED_STATES, listAskedQuestions } from "@/lib/interaction/ask/curation";
import { getAnswerResolution } from "@/lib/interaction/ask/resolution";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { ActionForm } from "@/components/admin/action-form";
import { DataTable } from "@/components/ui/data-table";

const t = messages.ask.curation;
const r = messages.ask.resolution;
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AskedQuestionsPage({ searchParams }: Props) {
  const actor = await requireActor();
  const raw = (await searchParams).state;
  const state = (Array.isArray(raw) ? raw[0] : raw) ?? "OPEN";
  const [rows, resolution] = await Promise.all([
    orPageError(listAskedQuestions(actor, { state })),
    orPageError(getAnswerResolution(actor)),
  ]);
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <nav aria-label="按状态筛选" className="inline-form">
        {ASKED_STATES.map((value) => (
          <Link key={value} href={`/admin/ask?state=${value}`} aria-current={state === value ? "page" : undefined}>
            {t.states[value]}
          </Link>
        ))}
        <Link href="/admin/ask?state=ALL" aria-current={state === "ALL" ? "page" : undefined}>
          全部
        </Link>
      </nav>
      <DataTable
        rows={rows}
        rowKey={(row) => row.id}
        label={t.title}
        empty={t.empty}
        columns={[
          { header: t.columns.question, cell: (row) => row.text },
          { header: t.columns.site, cell: (row) => row.siteName },
          { header: t.columns.unanswered, cell: (row) => `${row.unanswered} 次` },
          { header: t.columns.unhelpful, cell: (row) => `${row.unhelpful} 次` },
          { header: t.columns.lastAsked, cell: (row) => formatDateTime(row.lastAskedAt) },
          {
            header: t.columns.state,
            cell: (row) =>
              row.resourceId ? <Link href={`/admin/library/${row.resourceId}`}>{row.stateLabel}</Link> : row.stateLabel,
          },
          {
            header: t.columns.actions,
            cell: (row) =>
              row.state !== "OPEN" ? (
                "—"
              ) : (
                <>
                  <ActionForm action={draftFromQuestionAction} submitLabel={t.toDraft} className="inline-form">
                    <input type="hidden" name="questionId" value={row.id} />
                  </ActionForm>
                  <ActionForm
                    action={letterFromQuestionAction}
                    submitLabel={t.toLetter}
                    className="inline-form"
                    confirm={`将“${row.text}”转为留言，交本网站的咨询类留言办理？`}
                  >
                    <input type="hidden" name="questionId" value={row.id} />
                  </ActionForm>
                  <ActionForm
                    action={dismissQuestionAction}
                    submitLabel={t.dismiss}
                    className="inline-form"
                    confirm={`忽略“${row.text}”？`}
                  >
                    <input type="hidden" name="questionId" value={row.id} />
                  </ActionForm>
                </>
              ),
          },
        ]}
      />
      <section aria-labelledby="resolution">
        <h2 id="resolution">{r.title}</h2>
        <p>{r.intro}</p>
        <DataTable
          rows={resolution.sites}
          rowKey={(row) => row.siteId}
          label={r.sites}
          empty={r.empty}
          columns={[
            { header: r.columns.site, cell: (row) => row.siteName },
            { header: r.columns.helpful, cell: (row) => `${row.helpful} 次` },
            { header: r.columns.unhelpful, cell: (row) => `${row.unhelpful} 次` },
            { header: r.columns.rate, cell: (row) => r.rate(row.rate) },
          ]}
        />
        <DataTable
          rows={resolution.sources}
          rowKey={(row) => `${row.siteName}:${row.sourceId}`}
          label={r.sources}
          empty={r.empty}
          columns={[
            {
              header: r.columns.source,
              cell: (row) => (row.href ? <Link href={row.href}>{row.title}</Link> : row.title),
            },
            { header: r.columns.kind, cell: (row) => row.kindLabel },
            { header: r.columns.site, cell: (row) => row.siteName },
            { header: r.columns.helpful, cell: (row) => `${row.helpful} 次` },
            { header: r.columns.unhelpful, cell: (row) => `${row.unhelpful} 次` },
            { header: r.columns.rate, cell: (row) => r.rate(row.rate) },
            { header: r.columns.lastAt, cell: (row) => formatDateTime(row.lastAt) },
          ]}
        />
      </section>
    </>
  );
}
