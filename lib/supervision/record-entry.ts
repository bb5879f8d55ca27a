import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/auth/authenticate";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { invalid, notFound } from "@/lib/errors";
import { recordAsset, storeUpload } from "@/lib/library/assets";
import { parseInput } from "@/lib/validation/parse";
import { ZPeriod } from "@/lib/supervision/scoring";

// 人工检查: what the monitors cannot measure (概况信息 complete, 解读 linked, 办事指南 elements …) an
// inspector of the supervising unit enters for one site or account and quarter, with evidence — a
// note and, when there is one, a screenshot kept in the asset store (private to the supervising
// unit's library). A deduction never exceeds its indicator's points; a veto line takes no points.

export const ZRecordEntry = z.object({
  period: z.string().regex(ZPeriod, { error: "季度格式应为 2026Q4。" }),
  indicatorId: z.uuid({ error: "请选择指标。" }),
  subject: z.string().regex(/^(site|account):[0-9a-f-]{36}$/, { error: "请选择网站或政务新媒体账号。" }),
  points: z.coerce.number({ error: "分值应为数字。" }).min(0, { error: "分值不能为负数。" }).max(100),
  note: z.preprocess(
    (value) => (typeof value === "string" ? value.trim() : value),
    z.string().min(4, { error: "请写明检查发现的问题和依据（证据）。" }).max(2000),
  ),
});

export type EvidenceFile = { fileName: string; bytes: Uint8Array } | null;

export async function recordEntry(
  actor: Principal | null,
  input: unknown,
  file: EvidenceFile = null,
  context: Partial<RequestContext> = {},
) {
  const role = await assertCan(actor, "supervision.inspection.run", "platform");
  const form = parseInput(ZRecordEntry, input);
  const db = getDb();
  const indicator = await db.supervisionIndicator.findUnique({ where: { id: form.indicatorId } });
  if (!indicator || !indicator.active) throw notFound("未找到该指标。");
  const [kind, id] = form.subject.split(":") as ["site" | "account", string];
  const target = kind === "site" ? "WEBSITE" : "NEW_MEDIA";
  if (indicator.target !== target) throw invalid("该指标不适用于所选对象。", { indicatorId: ["指标与对象不符"] });
  const owner =
    kind === "site"
      ? await db.site.findUnique({ where: { id }, select: { orgId: true, name: true } })
      : await db.newMediaAccount.findUnique({ where: { id }, select: { orgId: true, name: true } });
  if (!owner) throw notFound("未找到该网站或账号。");
  if (indicator.part === "VETO" && form.points !== 0)
    throw invalid("单项否决指标不计分值，请填 0。", { points: ["应为 0"] });
  if (indicator.part !== "VETO" && (form.points <= 0 || form.points > indicator.points))
    throw invalid(`分值应在 0 到 ${indicator.points} 分之间。`, { points: [`不超过 ${indicator.points} 分`] });
  // The screenshot is stored before the transaction (by content hash, harmless to repeat).
  const stored =
    file && file.bytes.byteLength > 0 ? await storeUpload(file, { imagesOnly: true, field: "file" }) : null;
  // Kept in the supervising unit's library: the root unit where the inspector holds the role.
  const root = actor!.memberships.find((membership) => membership.isRootOrg && membership.role === role)?.orgId;
  return db.$transaction(async (tx) => {
    const asset = stored && root ? await recordAsset(tx, { actor: actor!, role, orgId: root, stored }, context) : null;
    const entry = await tx.inspectionEntry.create({
      data: {
        period: form.period,
        indicatorId: indicator.id,
        siteId: kind === "site" ? id : null,
        accountId: kind === "account" ? id : null,
        points: form.points,
        note: form.note,
        assetId: asset?.id ?? null,
        enteredById: actor!.id,
      },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "supervision.entry.record",
      subject: kind === "site" ? `site:${id}` : `new-media-account:${id}`,
      data: { period: form.period, code: indicator.code, points: form.points, assetId: asset?.id ?? null },
      ...context,
    });
    return { id: entry.id, subjectName: owner.name };
  });
}
