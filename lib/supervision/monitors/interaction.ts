import type { Db } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format";
import { addChinaMonths, chinaMonthsBetween } from "@/lib/time/china";
import { decidedResult, measuredResult, type CheckResult, type Thresholds } from "@/lib/supervision/checks";

// 互动回应差 (国办秘函〔2019〕19号): (1) no working online consultation channel (网上信访、纪检举报等专门
// 渠道除外), (2) within the year before the check, a valid message in a 政务咨询类 column unanswered for
// more than 3 months. Letters come from lib/interaction: 领导信箱, 咨询, 投诉 and 建议 are consultation
// channels; 网站纠错 is the national 找错 flow, measured on its own clock there.

const CONSULTATION_CATEGORIES = ["MAILBOX", "CONSULT", "COMPLAINT", "SUGGESTION"] as const;
/** Accepted or waiting, never answered: rejected (不予受理) and merged duplicates are not valid messages. */
const UNANSWERED_STATES = ["PENDING", "ACCEPTED", "ASSIGNED", "HANDLING", "REVIEWING"] as const;

export async function measureInteraction(
  db: Db,
  siteId: string,
  now: Date,
  thresholds: Thresholds,
): Promise<CheckResult[]> {
  const [types, oldest] = await Promise.all([
    db.interactionType.findMany({
      where: { siteId, active: true, publicForm: true, category: { in: [...CONSULTATION_CATEGORIES] } },
      select: { code: true, name: true, category: true },
      orderBy: { position: "asc" },
    }),
    db.letter.findFirst({
      where: {
        siteId,
        type: { category: { in: [...CONSULTATION_CATEGORIES] } },
        state: { in: [...UNANSWERED_STATES] },
        receivedAt: { gte: addChinaMonths(now, -12), lte: now },
      },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        queryCode: true,
        title: true,
        receivedAt: true,
        state: true,
        type: { select: { name: true } },
      },
    }),
  ]);
  const channel = decidedResult(
    "site.interaction-channel",
    types.length ? "ok" : "fail",
    {
      page: "/interaction",
      channels: types.map((type) => ({ code: type.code, name: type.name, category: type.category })),
    },
    types.length,
  );
  const unanswered = oldest
    ? measuredResult("site.interaction-unanswered", thresholds, chinaMonthsBetween(oldest.receivedAt, now), {
        letterId: oldest.id,
        queryCode: oldest.queryCode,
        title: oldest.title,
        type: oldest.type.name,
        state: oldest.state,
        receivedAt: formatDateTime(oldest.receivedAt),
      })
    : measuredResult("site.interaction-unanswered", thresholds, 0, { oldest: null });
  return [unanswered, channel];
}
