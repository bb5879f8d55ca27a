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

/** The checks of one account (a batch of one). */
export async function measureAccount(
  db: Db,
  account: AccountFacts,
  now: Date,
  thresholds: Thresholds,
  tree?: OrgTree,
): Promise<CheckResult[]> {
  const results = await measureAccounts(db, [account], now, thresholds, tree ?? (await getOrgTree()));
  return results.get(account.id)!;
}

type Latest = { accountId: string; sentAt: Date; resourceId: string | null; channelName: string };

/**
 * The checks of a batch of accounts with four set-based reads (channels, each account's newest
 * delivery, last week's counts, the active relays) instead of four queries per account.
 */
export async function measureAccounts(
  db: Db,
  accounts: readonly AccountFacts[],
  now: Date,
  thresholds: Thresholds,
  tree: OrgTree,
): Promise<Map<string, CheckResult[]>> {
  const ids = accounts.map((account) => account.id);
  const weekAgo = new Date(now.getTime() - WEEK_MS);
  const [channels, latest, weekCounts, relays] = await Promise.all([
    db.channel.findMany({ where: { accountId: { in: ids } }, select: { accountId: true, name: true } }),
    ids.length
      ? db.$queryRaw<Latest[]>`
          select distinct on (c."accountId") c."accountId" as "accountId", d."sentAt" as "sentAt",
                 d."resourceId" as "resourceId", c.name as "channelName"
            from "Delivery" d join "Channel" c on c.id = d."channelId"
           where c."accountId" = any(${ids}::uuid[]) and d.action = 'PUBLISH'
             and d.status::text = any(${[...SENT]}::text[]) and d."sentAt" <= ${now}
           order by c."accountId", d."sentAt" desc`
      : [],
    ids.length
      ? db.$queryRaw<{ accountId: string; count: number }[]>`
          select c."accountId" as "accountId", count(*)::int as count
            from "Delivery" d join "Channel" c on c.id = d."channelId"
           where c."accountId" = any(${ids}::uuid[]) and d.action = 'PUBLISH'
             and d.status::text = any(${[...SENT]}::text[]) and d."sentAt" > ${weekAgo} and d."sentAt" <= ${now}
           group by c."accountId"`
      : [],
    db.interactionRelay.findMany({
      where: { active: true },
      select: {
        name: true,
        origin: true,
        channel: { select: { accountId: true } },
        site: { select: { name: true, orgId: true } },
      },
    }),
  ]);
  const latestOf = new Map(latest.map((row) => [row.accountId, row]));
  const weekOf = new Map(weekCounts.map((row) => [row.accountId, row.count]));
  const results = new Map<string, CheckResult[]>();
  for (const account of accounts) {
    const lineage = new Set(tree.lineage(account.orgId));
    const origin = RELAY_ORIGIN[account.platform];
    const own = relays.filter(
      (relay) =>
        relay.channel.accountId === account.id ||
        (origin !== undefined && relay.origin === origin && lineage.has(relay.site.orgId)),
    );
    results.set(
      account.id,
      accountResults(
        thresholds,
        now,
        channels.filter((channel) => channel.accountId === account.id).map((channel) => channel.name),
        latestOf.get(account.id) ?? null,
        weekOf.get(account.id) ?? 0,
        own,
      ),
    );
  }
  return results;
}

function accountResults(
  thresholds: Thresholds,
  now: Date,
  channels: string[],
  latest: Latest | null,
  weekCount: number,
  relays: { name: string; origin: string; site: { name: string } }[],
): CheckResult[] {
  let stale: CheckResult;
  let weekly: CheckResult;
  if (latest) {
    stale = measuredResult("account.stale", thresholds, daysBetween(latest.sentAt, now), {
      lastUpdate: formatDateTime(latest.sentAt),
      channel: latest.channelName,
      resourceId: latest.resourceId,
    });
    weekly = measuredResult("account.weekly-updates", thresholds, weekCount, { lastWeek: weekCount });
  } else {
    const evidence = {
      measurable: false,
      channels,
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
