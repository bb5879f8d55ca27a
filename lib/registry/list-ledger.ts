import { getDb } from "@/lib/db/client";
import type { AccountStatus, NewMediaPlatform } from "@/lib/db/generated/client";
import { assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { messages } from "@/lib/i18n/zh-CN";
import { getOrgTree } from "@/lib/org/tree";
import { parseLedgerFilter, PLATFORMS } from "@/lib/registry/schemas";

const t = messages.newMedia;

export type LedgerRow = {
  id: string;
  unit: string;
  orgId: string;
  platform: NewMediaPlatform;
  platformLabel: string;
  name: string;
  handle: string | null;
  manager: string;
  phone: string;
  status: AccountStatus;
  statusLabel: string;
  openedAt: Date;
  changedAt: Date | null;
  cancelEffectiveOn: string | null;
};

export async function listLedger(actor: Principal | null, input: Record<string, unknown> = {}) {
  assertHoldsRoleFor(actor, "registry.view");
  const filter = parseLedgerFilter(input);
  const db = getDb();
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  const visibleOrgs = tree.all.filter((org) => can("registry.view", { orgId: org.id }));
  const visible = new Set(visibleOrgs.map((org) => org.id));
  const accounts = await db.newMediaAccount.findMany({
    where: {
      orgId: filter.orgId
        ? visible.has(filter.orgId)
          ? filter.orgId
          : "00000000-0000-0000-0000-000000000000"
        : { in: [...visible] },
      ...(filter.platform ? { platform: filter.platform } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.q ? { name: { contains: filter.q, mode: "insensitive" as const } } : {}),
    },
    orderBy: [{ openedAt: "asc" }],
    take: 5000,
  });
  const order = new Map(tree.all.map((org, index) => [org.id, index]));
  const rows: LedgerRow[] = accounts
    .map((account) => ({
      id: account.id,
      unit: tree.get(account.orgId)?.name ?? "",
      orgId: account.orgId,
      platform: account.platform,
      platformLabel: t.platforms[account.platform],
      name: account.name,
      handle: account.handle,
      manager: account.manager,
      phone: account.phone,
      status: account.status,
      statusLabel: t.accountStatus[account.status],
      openedAt: account.openedAt,
      changedAt: account.changedAt,
      cancelEffectiveOn: account.cancelEffectiveOn ? account.cancelEffectiveOn.toISOString().slice(0, 10) : null,
    }))
    .sort(
      (a, b) =>
        (order.get(a.orgId) ?? 0) - (order.get(b.orgId) ?? 0) ||
        PLATFORMS.indexOf(a.platform) - PLATFORMS.indexOf(b.platform),
    );
  return { filter, rows, orgs: visibleOrgs.map((org) => ({ id: org.id, name: org.name })) };
}
