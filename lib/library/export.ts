import writeExcelFile from "write-excel-file/node";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertHoldsRoleFor, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { notFound, unauthenticated } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { chinaToday } from "@/lib/time/china";
import { parseBulkIds } from "@/lib/library/bulk";
import { visibleOrgIds } from "@/lib/library/browse";

// 导出 XLSX from the library list: the selected items the actor may see (not those in the
// 回收站), one row each, in the order selected. The export is audited: drafts leave the system.

export const EXPORT_HEADER = [
  "序号",
  "标题",
  "类型",
  "状态",
  "所属单位",
  "创建人",
  "索引号",
  "版本",
  "发布栏目",
  "更新时间",
];

export async function exportResources(
  actor: Principal | null,
  input: unknown,
  context: Partial<RequestContext> = {},
): Promise<{ fileName: string; data: Buffer; rows: number; skipped: number }> {
  if (!actor) throw unauthenticated();
  const role = assertHoldsRoleFor(actor, "resource.view");
  const ids = parseBulkIds(input);
  const found = await getDb().resource.findMany({
    where: { id: { in: ids }, trashedAt: null, ownerOrgId: { in: await visibleOrgIds(actor) } },
    select: {
      id: true,
      title: true,
      kind: true,
      state: true,
      indexNumber: true,
      version: true,
      updatedAt: true,
      ownerOrg: { select: { name: true } },
      createdBy: { select: { displayName: true } },
      placements: { select: { column: { select: { name: true, site: { select: { name: true } } } } } },
    },
  });
  const byId = new Map(found.map((row) => [row.id, row]));
  const rows = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  if (rows.length === 0) throw notFound("所选稿件不存在或无权查看，没有可导出的内容。");
  const sheet = [
    EXPORT_HEADER.map((value) => ({ value, fontWeight: "bold" as const })),
    ...rows.map((row, index) => [
      index + 1,
      row.title || "（未命名草稿）",
      messages.resourceKinds[row.kind],
      messages.resourceStates[row.state],
      row.ownerOrg.name,
      row.createdBy.displayName,
      row.indexNumber ?? "",
      row.version,
      row.placements.map((placement) => `${placement.column.site.name} · ${placement.column.name}`).join("、"),
      formatDateTime(row.updatedAt),
    ]),
  ];
  const columns = [6, 48, 12, 10, 28, 12, 26, 6, 40, 18].map((width) => ({ width }));
  const data = await writeExcelFile(sheet as never, { columns, sheet: "稿件" }).toBuffer();
  await getDb().$transaction((tx) =>
    recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "library.export",
      subject: "library:export",
      data: { resourceIds: rows.map((row) => row.id), skipped: ids.length - rows.length },
      ...context,
    }),
  );
  return { fileName: `资源库稿件-${chinaToday()}.xlsx`, data, rows: rows.length, skipped: ids.length - rows.length };
}
