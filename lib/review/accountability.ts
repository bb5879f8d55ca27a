import { z } from "zod";
import writeExcelFile from "write-excel-file/node";
import { getDb } from "@/lib/db/client";
import { assertCan, assertHoldsRoleFor, type Principal } from "@/lib/auth/permissions";
import { notFound, unauthenticated } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import type { Finding } from "@/lib/review/prechecks";
import { messages } from "@/lib/i18n/zh-CN";
import { checkNames, REVIEW_RECORD } from "@/lib/review/queries";

// The accountability record of a review (责任追溯): who wrote, submitted, signed each stage and
// check, let blocking findings stand, published and withdrew, in order; also as an XLSX file.

export type AccountabilityRow = {
  step: string;
  check: string;
  person: string;
  role: string;
  decision: string;
  reason: string;
  at: Date;
  revision: number;
  contentHash: string;
};

/** 责任追溯: who submitted, signed each stage and check, overrode findings, and published. */
export async function getAccountabilityRecord(actor: Principal | null, instanceId: string) {
  if (!actor) throw unauthenticated();
  if (!z.uuid().safeParse(instanceId).success) throw notFound();
  assertHoldsRoleFor(actor, "review.record.view");
  const db = getDb();
  const instance = await db.reviewInstance.findUnique({ where: { id: instanceId }, include: REVIEW_RECORD });
  if (!instance) throw notFound();
  await assertCan(actor, "review.record.view", { orgId: instance.resource.ownerOrgId }).catch(() => {
    throw notFound();
  });
  const names = await checkNames();
  const number = instance.revision.number;
  const rows: AccountabilityRow[] = [
    {
      step: "撰稿",
      check: "",
      person: instance.revision.author.displayName,
      role: "作者",
      decision: "保存修订",
      reason: "",
      at: instance.revision.createdAt,
      revision: number,
      contentHash: instance.revision.contentHash,
    },
    {
      step: "提交审核",
      check: "",
      person: instance.submittedBy.displayName,
      role: "提交人",
      decision: instance.flagged ? `标记为敏感或重大信息：${instance.flagReason ?? ""}` : "提交",
      reason: "",
      at: instance.submittedAt,
      revision: number,
      contentHash: instance.contentHash,
    },
    ...instance.signOffs.map((signOff) => ({
      step: signOff.stageName,
      check: signOff.check ? (names.get(signOff.check) ?? signOff.check) : "",
      person: signOff.user.displayName,
      role: messages.roles[signOff.role as keyof typeof messages.roles] ?? signOff.role,
      decision: messages.decisions[signOff.decision],
      reason: signOff.reason ?? "",
      at: signOff.at,
      revision: number,
      contentHash: signOff.contentHash,
    })),
    ...instance.overrides.map((override) => ({
      step: "预检问题放行",
      check: "",
      person: override.user.displayName,
      role: "第一责任人",
      decision: `放行 ${(override.findings as Finding[]).map((finding) => finding.message).join("；")}`,
      reason: override.reason,
      at: override.at,
      revision: number,
      contentHash: instance.contentHash,
    })),
  ];
  if (instance.publication) {
    const publisher = instance.publication.publishedById
      ? await db.user.findUnique({ where: { id: instance.publication.publishedById }, select: { displayName: true } })
      : null;
    rows.push({
      step: "发布",
      check: "",
      person: publisher?.displayName ?? "定时发布任务",
      role: "",
      decision: "发布",
      reason: instance.publication.correctionNote ?? "",
      at: instance.publication.publishedAt,
      revision: number,
      contentHash: instance.publication.contentHash,
    });
    if (instance.publication.withdrawnAt) {
      const withdrawer = instance.publication.withdrawnById
        ? await db.user.findUnique({ where: { id: instance.publication.withdrawnById }, select: { displayName: true } })
        : null;
      rows.push({
        step: "撤稿",
        check: "",
        person: withdrawer?.displayName ?? "",
        role: "",
        decision: "撤稿",
        reason: instance.publication.withdrawReason ?? "",
        at: instance.publication.withdrawnAt,
        revision: number,
        contentHash: instance.publication.contentHash,
      });
    }
  }
  rows.sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    instanceId: instance.id,
    resourceId: instance.resourceId,
    title: instance.revision.title,
    unit: instance.resource.ownerOrg.name,
    indexNumber: instance.resource.indexNumber,
    workflow: instance.workflowName,
    status: messages.reviewStatus[instance.status],
    rows,
  };
}

/** The accountability record as an .xlsx workbook. */
export async function exportAccountabilityRecord(
  actor: Principal | null,
  instanceId: string,
): Promise<{ fileName: string; data: Buffer }> {
  const record = await getAccountabilityRecord(actor, instanceId);
  const header = [
    "环节",
    "审核关口",
    "签署人",
    "身份",
    "意见",
    "理由或说明",
    "时间",
    "修订版本",
    "内容指纹（SHA-256）",
  ].map((value) => ({ value, fontWeight: "bold" as const }));
  const sheet = [
    [{ value: `审核发布责任记录：${record.title}`, fontWeight: "bold" as const, columnSpan: 9 }],
    [
      {
        value: `所属单位：${record.unit}　索引号：${record.indexNumber ?? "—"}　审核流程：${record.workflow}　状态：${record.status}`,
        columnSpan: 9,
      },
    ],
    header,
    ...record.rows.map((row) => [
      row.step,
      row.check,
      row.person,
      row.role,
      row.decision,
      row.reason,
      formatDateTime(row.at),
      row.revision,
      row.contentHash,
    ]),
  ];
  const columns = [
    { width: 16 },
    { width: 10 },
    { width: 16 },
    { width: 12 },
    { width: 24 },
    { width: 40 },
    { width: 18 },
    { width: 8 },
    { width: 66 },
  ];
  const data = await writeExcelFile(sheet as never, { columns, sheet: "责任记录" }).toBuffer();
  return { fileName: `审核发布责任记录-${record.indexNumber?.replace(/\//g, "-") ?? record.instanceId}.xlsx`, data };
}
