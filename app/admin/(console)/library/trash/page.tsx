// GET /admin/library/trash – the 回收站: who moved what there and when; restore (the unit's editors)
// and, after the retention period, purge (the system administrator).
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { listTrash } from "@/lib/library/trash-list";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";
import { BulkBar, SelectAll } from "@/components/library/bulk-bar";
import { StateBadge } from "@/components/library/state-badge";
import { bulkLibraryAction } from "../bulk-actions";

const TRASH_FORM = "trash-bulk";

export default async function TrashPage() {
  const actor = await requireActor();
  const trash = await orPageError(listTrash(actor));
  const restorable = trash.items.some((item) => item.canRestore);
  return (
    <>
      <h1>回收站</h1>
      <p>
        删除的未发布稿件在此保留 {trash.retentionDays}{" "}
        天，其间可由本单位采编人员恢复；期满后由系统管理员彻底删除（审计记录保留）。 共 {trash.total} 篇。
        {trash.mayPurge ? null : (
          <>
            　<Link href="/admin/library">返回资源库</Link>
          </>
        )}
      </p>
      {restorable || trash.mayPurge ? (
        <BulkBar
          formId={TRASH_FORM}
          action={bulkLibraryAction}
          operations={[...(restorable ? (["restore"] as const) : []), ...(trash.mayPurge ? (["purge"] as const) : [])]}
        />
      ) : null}
      <DataTable
        rows={trash.items}
        rowKey={(item) => item.id}
        label="回收站中的稿件"
        columns={[
          (restorable || trash.mayPurge) && {
            key: "select",
            header: <SelectAll formId={TRASH_FORM} />,
            cell: (item) =>
              item.canRestore || item.canPurge ? (
                <input
                  type="checkbox"
                  name="ids"
                  value={item.id}
                  form={TRASH_FORM}
                  aria-label={`选择“${item.title || "未命名草稿"}”`}
                />
              ) : null,
          },
          { header: "标题", cell: (item) => item.title || "（未命名草稿）", isRowHeader: true },
          { header: "类型", cell: (item) => messages.resourceKinds[item.kind] },
          { header: "删除前状态", cell: (item) => <StateBadge state={item.state} /> },
          { header: "单位", cell: (item) => item.ownerName },
          { header: "删除人", cell: (item) => item.trashedBy },
          { header: "删除时间", cell: (item) => formatDateTime(item.trashedAt) },
          {
            header: "可彻底删除时间",
            cell: (item) => (item.canPurge ? "已到期" : formatDateTime(item.purgeableFrom)),
          },
        ]}
        empty="回收站是空的。"
      />
    </>
  );
}
