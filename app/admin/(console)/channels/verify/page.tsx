// GET /admin/channels/verify – 同源核验 for the supervising unit: every channel delivery checked
// against the publication's current revision (the same report as `npm run channels:verify`).
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { getChannelsVerifyReport } from "@/lib/channels/verify";
import type { VerifyProblem } from "@/lib/channels/verify-report";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";

export const dynamic = "force-dynamic";

const VERDICT_CLASS = { consistent: "form-ok", attention: "notice", inconsistent: "form-error" } as const;

/** The two content hashes, one click away for whoever must check them. */
function Hashes({ item }: { item: VerifyProblem }) {
  if (!item.expectedHash && !item.deliveredHash) return null;
  return (
    <details className="inline-details">
      <summary>校验值</summary>
      <dl className="meta-list">
        <dt>签发版本</dt>
        <dd>
          <code>{item.expectedHash ?? "—"}</code>
        </dd>
        <dt>渠道分发</dt>
        <dd>
          <code>{item.deliveredHash ?? "—"}</code>
        </dd>
      </dl>
    </details>
  );
}

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
                <Link href={`/admin/library/${item.resourceId}#delivery-status`}>{item.title ?? "（无标题）"}</Link>
              ) : (
                "—"
              ),
          },
          {
            header: "核验结果",
            cell: (item) => (
              <>
                {item.message}
                <Hashes item={item} />
              </>
            ),
          },
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
        逐条核对各渠道收到的内容是否就是资源库中已签发（审核通过并发布）的版本（信息同源）。核验时间：
        {formatDateTime(report.checkedAt)}。
        <Link href="/admin/channels/verify" prefetch={false}>
          重新核验
        </Link>
      </p>
      <p role="status" className={VERDICT_CLASS[report.verdict.level]}>
        {report.verdict.text}
      </p>
      <section aria-labelledby="verify-channels">
        <h2 id="verify-channels">各渠道核验结论</h2>
        <DataTable
          rows={report.channelResults}
          rowKey={(result) => result.channelId}
          label="各渠道核验结论"
          columns={[
            {
              header: "渠道",
              isRowHeader: true,
              cell: (result) => (
                <>
                  {result.channelName}
                  <span className="badge">{result.channelKind}</span>
                  {result.setupProblem ? (
                    <span className="badge warn" title={result.setupProblem}>
                      {messages.channelSetup.unconfigured}
                    </span>
                  ) : null}
                </>
              ),
            },
            { header: "核对稿件", cell: (result) => `${result.placements} 篇`, align: "end" },
            { header: "结论", cell: (result) => result.conclusion },
          ]}
          empty="尚未开设分发渠道。"
        />
      </section>
      <Problems title="内容不一致" items={report.mismatches} empty="没有内容不一致的分发。" />
      <Problems title="缺少分发" items={report.missing} empty="没有缺少的分发或撤回。" />
      <Problems title="渠道滞后" items={report.stale} empty="没有失败、积压或超过两周未更新的渠道。" />
    </>
  );
}
