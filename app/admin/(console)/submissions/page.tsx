// GET /admin/submissions?state=&siteId=&from=&to= – 我的报送: what the actor's unit submitted to other sites.
import Link from "next/link";
import { firstParam, orPageError, type PageSearchParams, requireActor } from "../guard";
import { listMySubmissions } from "@/lib/submissions/queries";
import { messages } from "@/lib/i18n/zh-CN";
import { SubmissionFilters, SubmissionTable } from "./table";

const t = messages.submission;
type Props = { searchParams: PageSearchParams };

export default async function MySubmissionsPage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  const filters = { state: firstParam(params.state), from: firstParam(params.from), to: firstParam(params.to) };
  const list = await orPageError(listMySubmissions(actor, filters));
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin">工作台</Link> &gt; {t.mineTitle}
      </p>
      <h1>{t.mineTitle}</h1>
      <p>{t.mineIntro}</p>
      <form method="get" className="inline-form" aria-label="筛选报送稿件">
        <SubmissionFilters filters={list.filters} />
        <button type="submit" className="button-inline">
          {t.actions.filter}
        </button>
      </form>
      <SubmissionTable rows={list.rows} side="mine" empty={t.empty.mine} />
    </>
  );
}
