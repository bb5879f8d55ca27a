import { getDb } from "@/lib/db/client";
import type { AccountStatus, NewMediaPlatform } from "@/lib/db/generated/client";
import { createChannel } from "@/lib/channels/channel-admin";
import type { Actor } from "@/lib/auth/session";
import { orgId } from "../helpers";
import { DISTRICT, draft as draftArticle } from "./review";

// Registered accounts, webhook channels and drafts on the seeded district platform, for the channel
// administration and placement tests (channels-admin and channels-placement.integration.test.ts).

export const CULTURE = "重庆市文化和旅游发展委员会";
export const SIGNING_SECRET = "whsec-3f9a1c7e5b2d4068a1";

let serial = 0;
/** A new-media account of the named unit, with a name of its own in this file's database. */
export async function account(
  orgName: string,
  platform: NewMediaPlatform,
  status: AccountStatus = "ACTIVE",
  extra: { cancelEffectiveOn?: Date } = {},
) {
  serial += 1;
  return getDb().newMediaAccount.create({
    data: {
      orgId: await orgId(orgName),
      platform,
      name: `测试账号${serial}`,
      manager: "刘洋",
      phone: "023-65368000",
      status,
      ...extra,
    },
  });
}

/** A webhook channel created through the administration use case, on an account of its own. */
export async function webhookChannel(admin: Actor, orgName = DISTRICT, name = "融媒体中心接收接口") {
  const linked = await account(orgName, "OTHER");
  return createChannel(admin, {
    kind: "WEBHOOK",
    name,
    orgId: await orgId(orgName),
    accountId: linked.id,
    url: "https://rmt.spb.example.cn/tongyuan/inbox",
    signingSecret: SIGNING_SECRET,
  });
}

/** A district article's first revision, not yet submitted. */
export function draft(editor: Actor, title: string) {
  return draftArticle(editor, title, "区政务服务中心自12月起周六上午照常办公。");
}
