import type { Db } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format";
import { getOrgTree, type OrgTree } from "@/lib/org/tree";
import { decidedResult, measuredResult, type CheckResult, type Thresholds } from "@/lib/supervision/checks";
import { daysBetween } from "@/lib/supervision/freshness";

// 政务新媒体 (国办秘函〔2019〕19号 单项否决): 内容不更新 — nothing in the 2 weeks before the check; 互动回应差
// — 未提供有效互动功能; and seed 000's target of at least 3 updates a week. Measured from the registry
// (active accounts) and what the platform delivered to the account's channels. What the platform
// cannot see — an account it never delivered to, an account whose messages it does not relay — is
// reported as a warning saying so, never as a pass it did not measure.

const WEEK_MS = 7 * 86_400_000;
const SENT = ["SENT", "ACKNOWLEDGED"] as const;
const RELAY_ORIGIN: Record<string, string> = {
  WECHAT: "WECHAT",
  WEIBO: "WEIBO",
  APP: "MEDIA_CENTER",
  TOUTIAO: "MEDIA_CENTER",
};

export type AccountFacts = { id: string; name: string; platform: string; orgId: string };

export async function measureAccount(
  db: Db,
  account: AccountFacts,
  now: Date,
  thresholds: Thresholds,
  tree?: OrgTree,
): Promise<CheckResult[]> {
  const lineage = (tree ?? (await getOrgTree())).lineage(account.orgId);
  const [channels, latest, weekCount, relays] = await Promise.all([
    db.channel.findMany({ where: { accountId: account.id }, select: { id: true, name: true, active: true } }),
    db.delivery.findFirst({
      where: { channel: { accountId: account.id }, action: "PUBLISH", status: { in: [...SENT] }, sentAt: { lte: now } },
      orderBy: { sentAt: "desc" },
      select: { sentAt: true, resourceId: true, channel: { select: { name: true } } },
    }),
    db.delivery.count({
      where: {
        channel: { accountId: account.id },
        action: "PUBLISH",
        status: { in: [...SENT] },
        sentAt: { gt: new Date(now.getTime() - WEEK_MS), lte: now },
      },
    }),
    db.interactionRelay.findMany({
      where: {
        active: true,
        OR: [
          { channel: { accountId: account.id } },
          ...(RELAY_ORIGIN[account.platform]
            ? [{ origin: RELAY_ORIGIN[account.platform] as never, site: { orgId: { in: lineage } } }]
            : []),
        ],
      },
      select: { name: true, origin: true, site: { select: { name: true } } },
    }),
  ]);

  let stale: CheckResult;
  let weekly: CheckResult;
  if (latest?.sentAt) {
    stale = measuredResult("account.stale", thresholds, daysBetween(latest.sentAt, now), {
      lastUpdate: formatDateTime(latest.sentAt),
      channel: latest.channel.name,
      resourceId: latest.resourceId,
    });
    weekly = measuredResult("account.weekly-updates", thresholds, weekCount, { lastWeek: weekCount });
  } else {
    const evidence = {
      measurable: false,
      channels: channels.map((channel) => channel.name),
      note: channels.length
        ? "平台尚未向该账号的渠道分发过信息，无法核实其更新情况"
        : "该账号未接入平台分发渠道，无法核实其更新情况",
    };
    stale = { ...decidedResult("account.stale", "warn", evidence), unit: "days" };
    weekly = { ...decidedResult("account.weekly-updates", "warn", evidence), unit: "per-week" };
  }
  const interaction = relays.length
    ? decidedResult("account.interaction", "ok", {
        relays: relays.map((relay) => ({ name: relay.name, origin: relay.origin, site: relay.site.name })),
      })
    : decidedResult("account.interaction", "warn", {
        measurable: false,
        note: "该账号的留言未接入平台政民互动，无法核实其互动功能",
      });
  return [stale, interaction, weekly];
}
