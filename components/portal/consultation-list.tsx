import type { PublicConsultationSummary } from "@/lib/interaction/consult/public-consultations";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

const c = messages.consult;

// A list of 征集调查 (the 征集调查 page and the columns they are published to): title, kind, phase, period.

export function ConsultationList({ rows, heading }: { rows: PublicConsultationSummary[]; heading?: string }) {
  if (!rows.length) return heading ? null : <p className="empty">{c.public.none}</p>;
  const list = (
    <ul className="item-list">
      {rows.map((row) => (
        <li key={row.id}>
          <a href={`/interaction/consultations/${row.id}`}>{row.title}</a>
          <span className="meta">
            {" "}
            〔{c.kinds[row.kind]} · {c.phases[row.phase]}〕 {formatDateTime(row.opensAt)} 至{" "}
            {formatDateTime(row.closesAt)}
          </span>
        </li>
      ))}
    </ul>
  );
  return heading ? (
    <section aria-labelledby="consultations-heading">
      <h2 id="consultations-heading">{heading}</h2>
      {list}
    </section>
  ) : (
    list
  );
}
