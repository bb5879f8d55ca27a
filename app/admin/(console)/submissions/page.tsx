// GET /admin/submissions?state=&siteId=&from=&to= – 我的报送: what the actor's unit submitted to other sites.
import Link from "next/link";
import { orPageError, requireActor } from "../guard";
import { listMySubmissions } from "@/lib/submissions/queries";
import { messages } from "@/lib/i18n/zh-CN";
import { SubmissionTable } from "./table";

const t = messages.submission;
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function MySubmissionsPage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  const filters = { state: first(params.state), from: first(params.from), to: first(params.to) };
  const list = await orPageError(listMySubmissions(actor, filters));
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin">工作台</Link> &gt; {t.mineTitle}
      </p>
      <h1>{t.mineTitle}</h1>
      <p>{t.mineIntro}</p>
      <form method="get" className="inline-form" aria-label="筛选报送稿件">
        <label>
          {t.fields.state}{" "}
          <select name="state" defaultValue={list.filters.state ?? ""}>
            <option value="">{t.filters.allStates}</option>
            {Object.entries(t.states).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t.fields.from} <input type="date" name="from" defaultValue={list.filters.from ?? ""} />
        </label>{" "}
        <label>
          {t.fields.to} <input type="date" name="to" defaultValue={list.filters.to ?? ""} />
        </label>{" "}
        <button type="submit" className="button-inline">
          {t.actions.filter}
        </button>
      </form>
      <SubmissionTable rows={list.rows} side="mine" empty={t.empty.mine} />
    </>
  );
}
