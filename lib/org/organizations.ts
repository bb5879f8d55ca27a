import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { getDb } from "@/lib/db/client";
import { OrgKind } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import { PURGE_ALL, announcePortalChange } from "@/lib/cache/portal-purge";
import { assertCan, assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { conflict, invalid, notFound } from "@/lib/errors";
import { getOrgTree, invalidateOrgTree, loadOrgTree } from "@/lib/org/tree";
import { parseInput } from "@/lib/validation/parse";
import type { RequestContext } from "@/lib/auth/authenticate";

// The organization tree: supervising unit → host units → sections. Units are never deleted
// (content, people and audit records refer to them); they are deactivated instead.

type Context = Partial<RequestContext>;

/** A parent's kind decides what may sit under it. */
const CHILD_KINDS: Record<OrgKind, OrgKind[]> = {
  SUPERVISING: ["HOST", "SECTION"],
  HOST: ["SECTION"],
  SECTION: ["SECTION"],
};

const name = zText().trim().min(2, "名称至少 2 个字").max(60, "名称过长");

export const ZCreateOrganization = z.object({
  parentId: z.uuid("请选择上级单位"),
  name,
  shortName: zText()
    .trim()
    .max(20)
    .optional()
    .transform((value) => value || null),
  kind: z.enum(OrgKind),
  code: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || /^[0-9A-Z]{18}$/.test(value), "统一社会信用代码应为 18 位数字或大写字母"),
});
export const ZRenameOrganization = z.object({ orgId: z.uuid(), name, shortName: zText().trim().max(20).optional() });
export const ZMoveOrganization = z.object({ orgId: z.uuid(), parentId: z.uuid("请选择新的上级单位") });

async function loadOrg(actor: Principal, orgId: string) {
  const org = await getDb().organization.findUnique({ where: { id: orgId } });
  const can = await createPermissionChecker(actor);
  if (!org || !can("org.view", { orgId })) throw notFound();
  return org;
}

export type OrgNode = {
  id: string;
  name: string;
  shortName: string | null;
  kind: OrgKind;
  code: string | null;
  active: boolean;
  canManage: boolean;
  children: OrgNode[];
};

/** The units the actor may see, as a tree (roots are the highest visible units). */
export async function listOrganizationTree(actor: Principal): Promise<OrgNode[]> {
  assertHoldsRoleFor(actor, "org.view");
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  const visible = new Set(tree.all.filter((org) => can("org.view", { orgId: org.id })).map((org) => org.id));
  const build = (parentId: string | null): OrgNode[] =>
    tree.childrenOf(parentId).flatMap((org) =>
      visible.has(org.id)
        ? [
            {
              id: org.id,
              name: org.name,
              shortName: org.shortName,
              kind: org.kind,
              code: org.code,
              active: org.active,
              canManage: can("org.manage", { orgId: org.id }),
              children: build(org.id),
            },
          ]
        : build(org.id),
    );
  return build(null);
}

export async function createOrganization(actor: Principal, input: unknown, context: Context = {}) {
  const data = parseInput(ZCreateOrganization, input, "请检查填写的内容。");
  const parent = await loadOrg(actor, data.parentId);
  const role = await assertCan(actor, "org.manage", { orgId: parent.id });
  if (!parent.active) throw invalid("上级单位已停用。");
  if (!CHILD_KINDS[parent.kind].includes(data.kind))
    throw invalid("该类型的单位不能设在所选上级单位之下。", { kind: ["类型与上级单位不符"] });
  const db = getDb();
  const created = await db.$transaction(async (tx) => {
    const position = await tx.organization.count({ where: { parentId: parent.id } });
    const org = await tx.organization.create({ data: { ...data, position } }).catch((error) => {
      if ((error as { code?: string }).code === "P2002") throw conflict("该统一社会信用代码已被其他单位使用。");
      throw error;
    });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "org.create",
      subject: `org:${org.id}`,
      data: { after: { name: org.name, kind: org.kind, parent: parent.name } },
      ...context,
    });
    return org;
  });
  invalidateOrgTree();
  return created;
}

export async function renameOrganization(actor: Principal, input: unknown, context: Context = {}) {
  const data = parseInput(ZRenameOrganization, input, "请检查填写的内容。");
  const org = await loadOrg(actor, data.orgId);
  const role = await assertCan(actor, "org.manage", { orgId: org.id });
  await getDb().$transaction(async (tx) => {
    await tx.organization.update({
      where: { id: org.id },
      data: { name: data.name, shortName: data.shortName || null },
    });
    // A unit's name is on every portal page it hosts (footer) or sourced (来源): purge them all.
    await announcePortalChange(tx, [PURGE_ALL]);
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "org.rename",
      subject: `org:${org.id}`,
      data: {
        before: { name: org.name, shortName: org.shortName },
        after: { name: data.name, shortName: data.shortName || null },
      },
      ...context,
    });
  });
  invalidateOrgTree();
}

export async function moveOrganization(actor: Principal, input: unknown, context: Context = {}) {
  const data = parseInput(ZMoveOrganization, input, "请检查填写的内容。");
  const org = await loadOrg(actor, data.orgId);
  const target = await loadOrg(actor, data.parentId);
  // Both the unit and its new place must be within the actor's scope.
  const role = await assertCan(actor, "org.manage", { orgId: org.id });
  await assertCan(actor, "org.manage", { orgId: target.id });
  if (!org.parentId) throw invalid("最上级单位不能移动。");
  if (!CHILD_KINDS[target.kind].includes(org.kind)) throw invalid("该单位不能移到所选单位之下。");
  const db = getDb();
  await db.$transaction(async (tx) => {
    // No cycles: the new parent must not be the unit itself or one of its descendants (as this transaction sees them).
    if (target.id === org.id || (await loadOrgTree(tx)).descendants(org.id).includes(target.id)) {
      throw invalid("不能把单位移到它自己或其下级单位之下。");
    }
    const before = await tx.organization.findUnique({ where: { id: org.parentId! }, select: { name: true } });
    await tx.organization.update({ where: { id: org.id }, data: { parentId: target.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "org.move",
      subject: `org:${org.id}`,
      data: { before: { parent: before?.name ?? null }, after: { parent: target.name } },
      ...context,
    });
  });
  invalidateOrgTree();
}

export async function setOrganizationActive(actor: Principal, orgId: string, active: boolean, context: Context = {}) {
  const org = await loadOrg(actor, orgId);
  const role = await assertCan(actor, "org.manage", { orgId: org.id });
  if (!org.parentId && !active) throw invalid("最上级单位不能停用。");
  if (!active && (await getDb().organization.count({ where: { parentId: org.id, active: true } })) > 0) {
    throw invalid("请先停用其下级单位。");
  }
  await getDb().$transaction(async (tx) => {
    await tx.organization.update({ where: { id: org.id }, data: { active } });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: active ? "org.activate" : "org.deactivate",
      subject: `org:${org.id}`,
      data: { before: { active: org.active }, after: { active } },
      ...context,
    });
  });
  invalidateOrgTree();
}
