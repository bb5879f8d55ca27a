// GET /admin/library/:id/history?from=&to= – revisions, and two of them compared side by side.
import Link from "next/link";
import { z } from "zod";
import { orPageError, requireActor } from "../../../guard";
import { compareRevisions, listRevisions } from "@/lib/library/resources";
import { formatDateTime } from "@/lib/format";
import { DataTable } from "@/components/ui/data-table";
import { ActionForm } from "@/components/admin/action-form";
import { restoreRevisionAction } from "../../actions";

const ZCompare = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });

export default async function HistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string>>;
}) {
  const actor = await requireActor();
  const { id } = await params;
  const { resource, revisions } = await orPageError(listRevisions(actor, id));
  const requested = ZCompare.safeParse(await searchParams);
  const comparison = requested.success ? await orPageError(compareRevisions(actor, id, requested.data)) : null;
  const [newest, previous] = revisions;
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/library">资源库</Link> &gt;{" "}
        <Link href={`/admin/library/${resource.id}`}>{resource.title || "（未命名草稿）"}</Link> &gt; 修订历史
      </p>
      <h1>修订历史</h1>
      <form className="admin-form">
        <div className="field">
          <label htmlFor="from">比较：旧版本</label>
          <select id="from" name="from" defaultValue={String(comparison?.from.number ?? previous?.number ?? "")}>
            {revisions.map((revision) => (
              <option key={revision.id} value={revision.number}>
                第 {revision.number} 版
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="to">新版本</label>
          <select id="to" name="to" defaultValue={String(comparison?.to.number ?? newest?.number ?? "")}>
            {revisions.map((revision) => (
              <option key={revision.id} value={revision.number}>
                第 {revision.number} 版
              </option>
            ))}
          </select>
        </div>
        <button className="button-inline" type="submit">
          比较
        </button>
      </form>
      {comparison ? (
        <section aria-labelledby="diff-title" className="card">
          <h2 id="diff-title">
            第 {comparison.from.number} 版（{comparison.from.author}，{formatDateTime(comparison.from.at)}）与第{" "}
            {comparison.to.number} 版（{comparison.to.author}，{formatDateTime(comparison.to.at)}）对比
          </h2>
          <div className="side-by-side">
            <div aria-label={`第 ${comparison.from.number} 版`} role="region">
              {comparison.segments
                .filter((s) => s.type !== "added")
                .map((segment, index) =>
                  segment.type === "removed" ? (
                    <del key={index}>{segment.text}</del>
                  ) : (
                    <span key={index}>{segment.text}</span>
                  ),
                )}
            </div>
            <div aria-label={`第 ${comparison.to.number} 版`} role="region">
              {comparison.segments
                .filter((s) => s.type !== "removed")
                .map((segment, index) =>
                  segment.type === "added" ? (
                    <ins key={index}>{segment.text}</ins>
                  ) : (
                    <span key={index}>{segment.text}</span>
                  ),
                )}
            </div>
          </div>
        </section>
      ) : null}
      <DataTable
        rows={revisions}
        rowKey={(revision) => revision.id}
        label="修订列表"
        columns={[
          { header: "版本", cell: (revision) => `第 ${revision.number} 版` },
          { header: "标题", cell: (revision) => revision.title },
          { header: "作者", cell: (revision) => revision.author },
          { header: "保存时间", cell: (revision) => formatDateTime(revision.createdAt) },
          {
            header: "内容哈希",
            cell: (revision) => <code title={revision.contentHash}>{revision.contentHash.slice(0, 12)}</code>,
          },
          {
            header: "操作",
            cell: (revision) =>
              revision.number === resource.version ? (
                "当前版本"
              ) : (
                <ActionForm
                  action={restoreRevisionAction}
                  submitLabel="恢复此版本"
                  className="inline-form"
                  confirm={`将第 ${revision.number} 版的内容保存为新的修订版本（原有版本均保留）。继续？`}
                >
                  <input type="hidden" name="resourceId" value={resource.id} />
                  <input type="hidden" name="number" value={revision.number} />
                  <input type="hidden" name="baseVersion" value={resource.version} />
                </ActionForm>
              ),
          },
        ]}
        empty="尚未保存修订。"
      />
    </>
  );
}
