import type { Tx } from "@/lib/db/client";
import type { NewMediaPlatform } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { DEFAULT_REGION, phoneViolation, regionNameViolation } from "@/lib/registry/rules";

// Demo government new-media accounts, registered at platform start as accounts already in use
// (存量账号登记, 渝府办发〔2019〕64号: 予以保留的，要及时登记备案). Later changes go through
// applications. The names obey the registry's own rules (checked here, so a bad edit fails the seed).

type AccountSeed = {
  org: string;
  platform: NewMediaPlatform;
  name: string;
  handle: string;
  manager: string;
  phone: string;
  description: string;
};

export const DEMO_ACCOUNTS: AccountSeed[] = [
  {
    org: "district",
    platform: "WECHAT",
    name: "重庆沙坪坝发布",
    handle: "gh_cqspb_fabu",
    manager: "李静",
    phone: "023-65366012",
    description: "沙坪坝区人民政府官方微信公众号，发布政务信息和办事服务。",
  },
  {
    org: "district",
    platform: "WEIBO",
    name: "重庆沙坪坝发布",
    handle: "cqspbfabu",
    manager: "李静",
    phone: "023-65366012",
    description: "沙坪坝区人民政府官方微博。",
  },
  {
    org: "culture",
    platform: "WECHAT",
    name: "重庆文旅",
    handle: "gh_cq_wenlv",
    manager: "王晓燕",
    phone: "023-67710126",
    description: "重庆市文化和旅游发展委员会官方微信公众号。",
  },
];

/** Registers the demo accounts; `orgIds` maps the demo platform's organization keys to ids. */
export async function seedNewMediaAccounts(tx: Tx, orgIds: Map<string, string>): Promise<number> {
  for (const account of DEMO_ACCOUNTS) {
    const problem = regionNameViolation(account.name, DEFAULT_REGION) ?? phoneViolation(account.phone);
    if (problem) throw new Error(`demo account ${account.name}: ${problem}`);
    const orgId = orgIds.get(account.org);
    if (!orgId) throw new Error(`demo account ${account.name}: no organization ${account.org}`);
    const { org: _org, ...fields } = account;
    const created = await tx.newMediaAccount.create({ data: { ...fields, orgId, status: "ACTIVE" } });
    await recordAudit(tx, {
      actorId: null,
      action: "registry.account.register",
      subject: `new-media-account:${created.id}`,
      data: { orgId, platform: account.platform, name: account.name },
    });
  }
  return DEMO_ACCOUNTS.length;
}
