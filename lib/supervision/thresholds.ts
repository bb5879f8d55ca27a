import { z } from "zod";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { conflict, invalid } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { parseInput } from "@/lib/validation/parse";
import {
  DEFAULT_THRESHOLDS,
  INDICATORS,
  mergeThresholds,
  type Indicator,
  type Thresholds,
} from "@/lib/supervision/checks";

// The thresholds in force: each indicator's veto line (or target) and its warning threshold, the
// supervising unit's edits over the defaults of checks.ts.

type Context = { ip?: string | null; userAgent?: string | null };

export async function loadThresholds(db: Db | Tx): Promise<Thresholds> {
  return mergeThresholds(await db.supervisionThreshold.findMany());
}

export type ThresholdRow = {
  indicator: Indicator;
  label: string;
  unit: string;
  veto: number;
  warn: number;
  defaultVeto: number;
  defaultWarn: number;
  version: number;
};

export async function listThresholds(actor: Principal | null): Promise<ThresholdRow[]> {
  await assertCan(actor, "supervision.thresholds", "platform");
  const rows = await getDb().supervisionThreshold.findMany();
  const merged = mergeThresholds(rows);
  return INDICATORS.map((indicator) => ({
    indicator,
    label: messages.supervision.indicators[indicator].label,
    unit: messages.supervision.indicators[indicator].unit,
    veto: merged[indicator].veto,
    warn: merged[indicator].warn,
    defaultVeto: DEFAULT_THRESHOLDS[indicator].veto,
    defaultWarn: DEFAULT_THRESHOLDS[indicator].warn,
    version: rows.find((row) => row.indicator === indicator)?.version ?? 0,
  }));
}

export const ZSaveThreshold = z.object({
  indicator: z.enum(INDICATORS, { message: "未知的监测指标" }),
  veto: z.coerce.number({ message: "请填写数值" }).min(0, "数值不能为负").max(100_000, "数值过大"),
  warn: z.coerce.number({ message: "请填写数值" }).min(0, "数值不能为负").max(100_000, "数值过大"),
  version: z.coerce.number().int().min(0),
});

/** Sets one indicator's thresholds; the warning must come no later than the line. */
export async function saveThreshold(actor: Principal | null, input: unknown, context: Context = {}) {
  const role = await assertCan(actor, "supervision.thresholds", "platform");
  const data = parseInput(ZSaveThreshold, input);
  const rule = DEFAULT_THRESHOLDS[data.indicator];
  // The warning is earlier than the line: for "below" targets it is higher, otherwise lower or equal.
  if (rule.comparison === "below" ? data.warn < data.veto : data.warn > data.veto)
    throw invalid(messages.supervision.errors.threshold, { warn: [messages.supervision.errors.threshold] });
  return getDb().$transaction(async (tx) => {
    const current = await tx.supervisionThreshold.findUnique({ where: { indicator: data.indicator } });
    if ((current?.version ?? 0) !== data.version) throw conflict(messages.supervision.errors.stale);
    const saved = await tx.supervisionThreshold.upsert({
      where: { indicator: data.indicator },
      create: { indicator: data.indicator, veto: data.veto, warn: data.warn, updatedById: actor!.id, version: 1 },
      update: { veto: data.veto, warn: data.warn, updatedById: actor!.id, version: { increment: 1 } },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "supervision.threshold.save",
      subject: `supervision-threshold:${data.indicator}`,
      data: {
        before: current ? { veto: current.veto, warn: current.warn } : null,
        after: { veto: data.veto, warn: data.warn },
      },
      ...context,
    });
    return saved;
  });
}
