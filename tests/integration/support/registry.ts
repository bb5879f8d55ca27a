import { getDb } from "@/lib/db/client";
import { decideApplication } from "@/lib/registry/decide-application";
import { DEMO_ACCOUNTS } from "@/lib/seed/new-media";
import { actorFor, fileDb, orgId } from "../helpers";

// Fixtures of the new-media registry tests (registry*.integration.test.ts).

export const DISTRICT = "重庆市沙坪坝区人民政府";
export const CULTURE = "重庆市文化和旅游发展委员会";
export const OFFICE = "重庆市人民政府办公厅";
export const cst = (value: string) => new Date(`${value}+08:00`);

export const openInput = async (overrides: Record<string, unknown> = {}) => ({
  kind: "OPEN",
  orgId: await orgId(DISTRICT),
  platform: "TOUTIAO",
  name: "重庆沙坪坝发布",
  handle: "",
  manager: "李静",
  phone: "023-65366012",
  description: "",
  reason: "开设头条号，扩大政务信息传播范围。",
  ...overrides,
});

export async function accountOf(name: string, platform: "WECHAT" | "WEIBO" | "TOUTIAO", org = DISTRICT) {
  return getDb().newMediaAccount.findFirstOrThrow({ where: { name, platform, orgId: await orgId(org) } });
}

/** Principal, then supervisor: the seeded chain. */
export async function passChain(applicationId: string, now?: Date) {
  const [principal, supervisor] = await Promise.all([actorFor("principal"), actorFor("supervisor")]);
  await decideApplication(principal, { applicationId, decision: "APPROVE", comment: "同意" }, {}, now);
  return decideApplication(supervisor, { applicationId, decision: "APPROVE" }, {}, now);
}

export { zipEntry } from "../../fixtures/zip-entry";

/**
 * Puts the registry back as seeded: the tests of a registry file share its database, so each
 * starts from here (call from beforeEach).
 */
export async function resetRegistry(): Promise<void> {
  const db = await fileDb();
  await db.applicationDecision.deleteMany({});
  await db.accountApplication.deleteMany({});
  const keys = new Map([
    ["district", await orgId(DISTRICT)],
    ["culture", await orgId(CULTURE)],
  ]);
  const kept: string[] = [];
  for (const { org, ...fields } of DEMO_ACCOUNTS) {
    const account = await db.newMediaAccount.findFirstOrThrow({
      where: { orgId: keys.get(org)!, platform: fields.platform },
      orderBy: { openedAt: "asc" },
    });
    await db.newMediaAccount.update({
      where: { id: account.id },
      data: {
        ...fields,
        status: "ACTIVE",
        changedAt: null,
        suspendedAt: null,
        cancelAnnouncedAt: null,
        cancelEffectiveOn: null,
        cancelledAt: null,
        cancelNotice: null,
      },
    });
    kept.push(account.id);
  }
  await db.newMediaAccount.deleteMany({ where: { id: { notIn: kept } } });
  await db.registryApprovalStep.deleteMany({});
  await db.registryApprovalStep.createMany({
    data: [
      { position: 0, name: "本单位主要负责人审批", role: "FIRST_RESPONSIBLE", scope: "unit" },
      { position: 1, name: "主管单位审核", role: "SUPERVISOR", scope: "platform" },
    ],
  });
  await db.platformState.deleteMany({ where: { key: "registry.region" } });
  await db.membership.deleteMany({ where: { user: { username: "siteadmin" }, role: "FIRST_RESPONSIBLE" } });
}
