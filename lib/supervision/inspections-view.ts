import { getDb } from "@/lib/db/client";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { chinaToday } from "@/lib/time/china";
import { messages } from "@/lib/i18n/zh-CN";
import { loadPublicCopyState } from "@/lib/interaction/publish/public-copy";
import { ensureFramework } from "@/lib/supervision/framework";
import type { InspectionSummary } from "@/lib/supervision/inspection-summary";
import { quarterOf, ZPeriod } from "@/lib/supervision/scoring";

// What the quarterly inspection page shows the supervising unit: the quarters inspected, the chosen
// quarter's scores and totals, its bulletin's state, the inspectors' entries and what they can enter.

export type BulletinState = "NONE" | "IN_REVIEW" | "RETURNED" | "PUBLISHED";

export async function getInspectionsView(actor: Principal | null, requested: string | undefined, now = new Date()) {
  await assertCan(actor, "supervision.inspection.run", "platform");
  const db = getDb();
  await ensureFramework(db);
  const periods = (await db.inspection.findMany({ orderBy: { period: "desc" }, select: { period: true } })).map(
    (row) => row.period,
  );
  const current = quarterOf(chinaToday(now));
  const period = requested && ZPeriod.test(requested) ? requested : current;
  const [inspection, entries, indicators, sites, accounts] = await Promise.all([
    db.inspection.findUnique({
      where: { period },
      include: { scores: { orderBy: [{ target: "desc" }, { rank: { sort: "asc", nulls: "last" } }, { name: "asc" }] } },
    }),
    db.inspectionEntry.findMany({ where: { period }, include: { indicator: true }, orderBy: { createdAt: "desc" } }),
    db.supervisionIndicator.findMany({ where: { active: true }, orderBy: [{ target: "asc" }, { position: "asc" }] }),
    db.site.findMany({ select: { id: true, name: true }, orderBy: { position: "asc" } }),
    db.newMediaAccount.findMany({
      where: { status: { in: ["ACTIVE", "CANCELLING"] } },
      select: { id: true, name: true, platform: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const bulletin: BulletinState = inspection?.bulletinResourceId
    ? await loadPublicCopyState(db, inspection.bulletinResourceId)
    : "NONE";
  const names = new Map([...sites, ...accounts].map((subject) => [subject.id, subject.name]));
  return {
    period,
    current,
    periods,
    inspection: inspection ? { ...inspection, summary: inspection.summary as unknown as InspectionSummary } : null,
    bulletin,
    bulletinResourceId: inspection?.bulletinResourceId ?? null,
    entries: entries.map((entry) => ({
      ...entry,
      subjectName: names.get(entry.siteId ?? entry.accountId ?? "") ?? "—",
    })),
    indicators: indicators.filter((line) => line.checkNames.length === 0),
    subjects: [
      ...sites.map((site) => ({ value: `site:${site.id}`, label: site.name })),
      // Accounts of one name on several platforms are told apart by their platform.
      ...accounts.map((account) => ({
        value: `account:${account.id}`,
        label: `${account.name}（${messages.newMedia.platforms[account.platform]}）`,
      })),
    ],
  };
}
