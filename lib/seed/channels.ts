import type { Tx } from "@/lib/db/client";
import type { ChannelKind, NewMediaPlatform } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";

// Demo channels of 重庆市沙坪坝区人民政府, attached to its registered accounts (lib/seed/new-media).
// No credentials are seeded: the site administrator sets them on /admin/channels. Nothing is
// placed on them, so `npm run channels:verify` is clean on a fresh platform.

type ChannelSeed = {
  org: string;
  kind: ChannelKind;
  account: NewMediaPlatform;
  name: string;
  config: Record<string, string>;
};

export const DEMO_CHANNELS: ChannelSeed[] = [
  {
    org: "district",
    kind: "WECHAT",
    account: "WECHAT",
    name: "重庆沙坪坝发布 微信公众号",
    config: { apiBase: "https://api.weixin.qq.com" },
  },
  {
    org: "district",
    kind: "WEIBO",
    account: "WEIBO",
    name: "重庆沙坪坝发布 微博",
    config: { apiBase: "https://api.weibo.com" },
  },
  // A pull feed (RSS/JSON) of what the unit publishes, read by the account's operators.
  { org: "district", kind: "FEED", account: "WECHAT", name: "沙坪坝区政府信息订阅源", config: {} },
];

/** Creates the demo channels that do not exist yet (by unit and name), so a second run adds nothing. */
export async function seedChannels(tx: Tx, orgIds: Map<string, string>): Promise<number> {
  let created = 0;
  for (const seed of DEMO_CHANNELS) {
    const orgId = orgIds.get(seed.org);
    if (!orgId) throw new Error(`demo channel ${seed.name}: no organization ${seed.org}`);
    if (await tx.channel.findFirst({ where: { orgId, name: seed.name }, select: { id: true } })) continue;
    const account = await tx.newMediaAccount.findFirst({
      where: { orgId, platform: seed.account, status: "ACTIVE" },
      orderBy: { openedAt: "asc" },
    });
    if (!account) throw new Error(`demo channel ${seed.name}: the unit has no registered ${seed.account} account`);
    const channel = await tx.channel.create({
      data: { orgId, kind: seed.kind, accountId: account.id, name: seed.name, config: seed.config },
    });
    await recordAudit(tx, {
      actorId: null,
      action: "channel.create",
      subject: `channel:${channel.id}`,
      data: { name: seed.name, kind: seed.kind, orgId, accountId: account.id, config: seed.config, credentialsSet: [] },
    });
    created += 1;
  }
  return created;
}
