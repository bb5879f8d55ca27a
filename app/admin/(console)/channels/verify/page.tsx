// GET /admin/channels/verify – 同源核验 for the supervising unit: every channel delivery checked
// against the publication's current revision (the same report as `npm run channels:verify`).
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { getChannelsVerifyReport, type VerifyProblem } from "@/lib/channels/verify";
import { formatDateTime } from "@/lib/format";
import { DataTable } from "@/components/ui/data-table";

export const dynamic = "force-dynamic";

function Problems({ title, items, empty }: { title: string; items: VerifyProblem[]; empty: string }) {
  return (
    <section aria-labelledby={`verify-${title}`}>
      <h2 id={`verify-${title}`}>
        {title}（{items.length}）
      </h2>
      <DataTable
        rows={items}
        rowKey={(item, index) => `${item.channelId}-${item.deliveryId ?? item.publicationId ?? index}`}
        label={title}
        columns={[
          {
            header: "渠道",
            cell: (item) => (
              <>
                {item.channelName}
                {item.channelKind ? <span className="badge">{item.channelKind}</span> : null}
              </>
            ),
          },
          {
            header: "稿件",
            cell: (item) =>
              item.resourceId ? (
                <Link href={`/admin/library/${item.resourceId}#delivery-status`}>{item.title ?? item.resourceId}</Link>
              ) : (
                "—"
              ),
          },
          {
            header: "应为（发布版本）",
            cell: (item) => <code>{item.expectedHash ? item.expectedHash.slice(0, 12) : "—"}</code>,
          },
          {
            header: "实为（分发记录）",
            cell: (item) => <code>{item.deliveredHash ? item.deliveredHash.slice(0, 12) : "—"}</code>,
          },
          { header: "说明", cell: (item) => item.message },
        ]}
        empty={empty}
      />
    </section>
  );
}

export default async function ChannelsVerifyPage() {
  const actor = await requireActor();
  const report = await orPageError(getChannelsVerifyReport(actor));
  return (
    <>
      <h1>同源核验</h1>
      <p>
        逐条核对各渠道分发记录的内容校验值与资源库中现行发布版本是否一致（信息同源）。核验时间：
        {formatDateTime(report.checkedAt)}。
        <Link href="/admin/channels/verify" prefetch={false}>
          重新核验
        </Link>
      </p>
      <p role="status" className={report.ok ? "form-ok" : "form-error"}>
        {report.ok
          ? `核验通过：${report.channels} 个渠道、${report.livePublications} 篇现行发布、${report.deliveries} 条分发记录，内容与资源库一致。`
          : `核验未通过：${report.mismatches.length} 处内容不一致，${report.missing.length} 处缺少分发。`}
      </p>
      <Problems title="内容不一致" items={report.mismatches} empty="没有内容不一致的分发。" />
      <Problems title="缺少分发" items={report.missing} empty="没有缺少的分发或撤回。" />
      <Problems title="渠道滞后" items={report.stale} empty="没有失败、积压或超过两周未更新的渠道。" />
    </>
  );
}
