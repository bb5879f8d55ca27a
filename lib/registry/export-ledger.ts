import writeExcelFile from "write-excel-file/node";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertHoldsRoleFor, type Principal } from "@/lib/auth/permissions";
import { chinaDay } from "@/lib/calendar/working-days";
import { formatDate, formatDateTime } from "@/lib/format";
import { listLedger } from "@/lib/registry/list-ledger";
import type { Context } from "@/lib/registry/schemas";

/** The filtered ledger as an .xlsx workbook (the export is audited: it carries contact details). */
export async function exportLedger(
  actor: Principal | null,
  input: Record<string, unknown> = {},
  context: Context = {},
): Promise<{ fileName: string; data: Buffer }> {
  const role = assertHoldsRoleFor(actor, "registry.view");
  const { filter, rows } = await listLedger(actor, input);
  const header = [
    "序号",
    "主办单位",
    "平台",
    "账号名称",
    "账号标识",
    "运维负责人",
    "联系电话",
    "状态",
    "开设时间",
    "最近变更",
    "注销生效日期",
  ].map((value) => ({
    value,
    fontWeight: "bold" as const,
  }));
  const sheet = [
    [
      {
        value: `政务新媒体台账（导出时间：${formatDateTime(new Date())}）`,
        fontWeight: "bold" as const,
        columnSpan: 11,
      },
    ],
    header,
    ...rows.map((row, index) => [
      index + 1,
      row.unit,
      row.platformLabel,
      row.name,
      row.handle ?? "",
      row.manager,
      row.phone,
      row.statusLabel,
      formatDate(row.openedAt),
      row.changedAt ? formatDate(row.changedAt) : "",
      row.cancelEffectiveOn ?? "",
    ]),
  ];
  const columns = [
    { width: 6 },
    { width: 28 },
    { width: 12 },
    { width: 24 },
    { width: 20 },
    { width: 12 },
    { width: 16 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 14 },
  ];
  const data = await writeExcelFile(sheet as never, { columns, sheet: "政务新媒体台账" }).toBuffer();
  await getDb().$transaction((tx) =>
    recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "registry.export",
      subject: "registry:ledger",
      data: { filter, rows: rows.length },
      ...context,
    }),
  );
  return { fileName: `政务新媒体台账-${chinaDay(new Date())}.xlsx`, data };
}
