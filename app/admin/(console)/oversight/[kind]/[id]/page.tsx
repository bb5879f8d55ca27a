// GET /admin/oversight/[kind]/[id] – one site or account: its latest checks with their evidence, its
// scores by quarter with each indicator's deduction or bonus and evidence, open findings and tickets.
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { orPageError, requireActor } from "../../../guard";
import { getSubjectEvidence } from "@/lib/supervision/overview";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";
import { StatusLight } from "@/components/admin/status-light";

export const dynamic = "force-dynamic";

const m = messages.supervisionScores;
const o = m.overview;
type Props = { params: Promise<{ kind: string; id: string }> };

const ZParams = z.object({ kind: z.enum(["site", "account"]), id: z.uuid() });

/** Evidence as the monitors and inspectors stored it, short enough for a table cell. */
function describe(evidence: unknown): string {
  if (evidence === null || evidence === undefined) return "—";
  const text = typeof evidence === "string" ? evidence : JSON.stringify(evidence);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

export default async function OversightSubjectPage({ params }: Props) {
  const parsed = ZParams.safeParse(await params);
  if (!parsed.success) notFound();
  const actor = await requireActor();
  const view = await orPageError(getSubjectEvidence(actor, parsed.data.kind, parsed.data.id));
  return (
    <>
      <nav className="breadcrumb" aria-label="当前位置">
        <Link href="/admin">工作台</Link> › <Link href="/admin/oversight">{o.title}</Link> › {view.name}
      </nav>
      <h1>{view.name}</h1>
      <dl className="facts">
        <dt>{m.inspection.unit}</dt>
        <dd>{view.orgName}</dd>
        <dt>{o.status}</dt>
        <dd>
          <StatusLight status={view.light} />
        </dd>
      </dl>
      <DataTable
        rows={view.checks}
        rowKey={(check) => check.name}
        caption={o.checks}
        empty={o.none}
        columns={[
          { header: o.check, cell: (check) => <code>{check.name}</code> },
          { header: m.parts.VETO, cell: (check) => (check.veto ? "是" : "否") },
          { header: o.status, cell: (check) => <StatusLight status={check.status} /> },
          {
            header: o.measured,
            cell: (check) =>
              check.measured === null
                ? "—"
                : `${check.measured}${check.threshold === null ? "" : ` / ${check.threshold}`}${check.unit ? ` ${check.unit}` : ""}`,
          },
          { header: o.evidence, cell: (check) => <small>{describe(check.evidence)}</small> },
          { header: o.at, cell: (check) => formatDateTime(check.at) },
        ]}
      />
      {view.scores.map((score) => (
        <section key={score.period} aria-labelledby={`score-${score.period}`}>
          <h2 id={`score-${score.period}`}>
            {score.period}：
            {score.vetoed
              ? `${m.inspection.fail}（${m.inspection.vetoed}）`
              : `${score.total} 分（${m.inspection.deduction} ${score.deduction}，${m.inspection.bonus} ${score.bonus}），${score.passed ? m.inspection.pass : m.inspection.fail}`}
            {score.rank ? `，${m.inspection.rank} ${score.rank}` : null}
          </h2>
          <DataTable
            rows={score.lines.filter((line) => line.hit)}
            rowKey={(line) => line.code}
            caption={o.lines}
            empty={m.bulletin.noProblems}
            columns={[
              { header: m.framework.code, cell: (line) => line.code },
              { header: m.framework.name, cell: (line) => line.name },
              { header: m.framework.points, cell: (line) => m.parts[line.part] },
              { header: o.delta, cell: (line) => (line.part === "VETO" ? m.inspection.vetoed : line.delta) },
              { header: "来源", cell: (line) => m.sources[line.source] },
              {
                header: o.evidence,
                cell: (line) => (
                  <ul>
                    {line.evidence.map((item, index) => (
                      <li key={index}>
                        {item.check ? <code>{item.check}</code> : null} {item.note ?? describe(item.evidence)}
                        {item.assetId ? (
                          <>
                            {" "}
                            <a href={`/api/assets/${item.assetId}`}>截图</a>
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        </section>
      ))}
      <DataTable
        rows={view.findings}
        rowKey={(finding) => finding.id}
        caption={o.findings}
        empty={o.none}
        columns={[
          { header: o.check, cell: (finding) => <code>{finding.check}</code> },
          {
            header: o.status,
            cell: (finding) => (
              <StatusLight
                status={finding.severity === "FAIL" ? "fail" : finding.severity === "WARN" ? "warn" : "ok"}
              />
            ),
          },
          { header: "问题", cell: (finding) => finding.summary },
          { header: o.at, cell: (finding) => formatDateTime(finding.lastSeenAt) },
        ]}
      />
      <DataTable
        rows={view.tickets}
        rowKey={(ticket) => ticket.id}
        caption={o.tickets}
        empty={o.none}
        columns={[
          { header: "编号", cell: (ticket) => ticket.serial },
          { header: "要求", cell: (ticket) => ticket.requirement },
          { header: o.status, cell: (ticket) => ticket.state },
          { header: "期限", cell: (ticket) => formatDateTime(ticket.dueAt) },
        ]}
      />
    </>
  );
}
