import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { createPermissionChecker, type Principal, type Subject } from "@/lib/auth/permissions";
import { type Action } from "@/lib/auth/permission-table";
import { messages } from "@/lib/i18n/zh-CN";

// What an audit event was about, named and linked: `resource:<id>` reads as 稿件《标题》 and opens
// the item's admin page when the viewer may open it (the page checks again). The subject text
// itself stays in the record; this only reads the current names.

export type AuditSubjectView = {
  /** The kind of subject in words (稿件, 用户, …). */
  kind: string;
  /** Its current name, or the identifier when it no longer exists. */
  name: string;
  /** For a user, the login name (shown secondary); the attempted one when no such account exists. */
  loginName: string | null;
  /** The admin page, when the viewer may open it. */
  href: string | null;
};

type Target = {
  kind: string;
  name: string;
  loginName?: string;
  href: string;
  action: Action | null;
  scope: Subject | null;
};

const isUuid = (value: string) => z.uuid().safeParse(value).success;

function split(subject: string): [string, string] {
  const colon = subject.indexOf(":");
  return colon < 0 ? [subject, ""] : [subject.slice(0, colon), subject.slice(colon + 1)];
}

const SUBJECT_KINDS = messages.audit.subjects as Record<string, string>;

/** Links to pages that need a permission over the whole platform. */
const FIXED: Record<string, { name: string; href: string; action: Action }> = {
  "registry:chain": { name: "审批链", href: "/admin/registry/chain", action: "registry.configure" },
  "registry:region": { name: "所在地区", href: "/admin/registry", action: "registry.configure" },
  "registry:ledger": { name: "台账", href: "/admin/registry", action: "registry.configure" },
  "platform:security-settings": { name: "安全策略", href: "/admin/security", action: "security.settings" },
};

/** The subjects of a page of events, named and linked for `viewer`. */
export async function describeAuditSubjects(
  viewer: Principal | null,
  subjects: (string | null)[],
): Promise<Map<string, AuditSubjectView>> {
  const ids = new Map<string, Set<string>>();
  const codes = new Map<string, Set<string>>();
  for (const subject of subjects) {
    if (!subject) continue;
    const [kind, id] = split(subject);
    const into = isUuid(id) ? ids : codes;
    into.set(kind, (into.get(kind) ?? new Set()).add(id));
  }
  const list = (kind: string) => [...(ids.get(kind) ?? [])];
  const db = getDb();
  const [resources, reviews, users, orgs, sites, channels, accounts, applications, workflows, assets, checks, themes] =
    await Promise.all([
      db.resource.findMany({
        where: { id: { in: list("resource") } },
        select: { id: true, title: true, ownerOrgId: true },
      }),
      db.reviewInstance.findMany({
        where: { id: { in: list("review") } },
        select: { id: true, resource: { select: { title: true, ownerOrgId: true } } },
      }),
      db.user.findMany({
        where: { id: { in: list("user") } },
        select: { id: true, username: true, displayName: true, memberships: { select: { orgId: true }, take: 1 } },
      }),
      db.organization.findMany({ where: { id: { in: list("org") } }, select: { id: true, name: true } }),
      db.site.findMany({ where: { id: { in: list("site") } }, select: { id: true, name: true, orgId: true } }),
      db.channel.findMany({ where: { id: { in: list("channel") } }, select: { id: true, name: true, orgId: true } }),
      db.newMediaAccount.findMany({
        where: { id: { in: list("new-media-account") } },
        select: { id: true, name: true, orgId: true },
      }),
      db.accountApplication.findMany({
        where: { id: { in: list("account-application") } },
        select: { id: true, orgId: true, org: { select: { name: true } } },
      }),
      db.workflow.findMany({ where: { id: { in: list("workflow") } }, select: { id: true, name: true, orgId: true } }),
      db.asset.findMany({
        where: { id: { in: list("asset") } },
        select: { id: true, fileName: true, ownerOrgId: true },
      }),
      db.reviewCheck.findMany({
        where: { code: { in: [...(codes.get("check") ?? [])] } },
        select: { code: true, name: true },
      }),
      db.themeCategory.findMany({
        where: { code: { in: [...(codes.get("theme") ?? [])] } },
        select: { code: true, name: true },
      }),
    ]);
  const targets = new Map<string, Target>();
  const put = (kind: string, id: string, target: Omit<Target, "kind">) =>
    targets.set(`${kind}:${id}`, { kind: SUBJECT_KINDS[kind] ?? kind, ...target });
  for (const row of resources)
    put("resource", row.id, {
      name: `《${row.title || "无标题"}》`,
      href: `/admin/library/${row.id}`,
      action: "resource.view",
      scope: { orgId: row.ownerOrgId },
    });
  for (const row of reviews)
    put("review", row.id, {
      name: `《${row.resource.title || "无标题"}》`,
      href: `/admin/review/${row.id}`,
      action: "resource.view",
      scope: { orgId: row.resource.ownerOrgId },
    });
  for (const row of users)
    put("user", row.id, {
      name: row.displayName,
      loginName: row.username,
      href: `/admin/users/${row.id}`,
      action: "user.view",
      scope: row.memberships[0] ? { orgId: row.memberships[0].orgId } : null,
    });
  for (const row of orgs)
    put("org", row.id, { name: row.name, href: `/admin/orgs/${row.id}`, action: "org.view", scope: { orgId: row.id } });
  for (const row of sites)
    put("site", row.id, {
      name: row.name,
      href: `/admin/sites/${row.id}`,
      action: "site.manage",
      scope: { orgId: row.orgId },
    });
  for (const row of channels)
    put("channel", row.id, {
      name: row.name,
      href: `/admin/channels/${row.id}`,
      action: "channel.manage",
      scope: { orgId: row.orgId },
    });
  for (const row of accounts)
    put("new-media-account", row.id, {
      name: row.name,
      href: "/admin/registry",
      action: "registry.view",
      scope: { orgId: row.orgId },
    });
  for (const row of applications)
    put("account-application", row.id, {
      name: `${row.org.name}的申请`,
      href: `/admin/registry/applications/${row.id}`,
      action: "registry.view",
      scope: { orgId: row.orgId },
    });
  for (const row of workflows)
    put("workflow", row.id, {
      name: row.name,
      href: "/admin/workflows",
      action: "workflow.manage",
      scope: row.orgId ? { orgId: row.orgId } : "platform",
    });
  for (const row of assets)
    put("asset", row.id, {
      name: row.fileName,
      href: "/admin/library/assets",
      action: "resource.view",
      scope: { orgId: row.ownerOrgId },
    });

  for (const row of checks)
    put("check", row.code, { name: row.name, href: "/admin/workflows", action: "workflow.manage", scope: null });
  for (const row of themes)
    put("theme", row.code, { name: row.name, href: "/admin/themes", action: "theme.manage", scope: "platform" });

  const can = await createPermissionChecker(viewer);
  const views = new Map<string, AuditSubjectView>();
  for (const subject of subjects) {
    if (!subject || views.has(subject)) continue;
    const [kind, id] = split(subject);
    const fixed = FIXED[subject];
    const target = targets.get(subject);
    if (fixed) {
      views.set(subject, {
        kind: SUBJECT_KINDS[kind] ?? kind,
        name: fixed.name,
        loginName: null,
        href: can(fixed.action, "platform") ? fixed.href : null,
      });
    } else if (target) {
      const allowed = target.action !== null && target.scope !== null && can(target.action, target.scope);
      views.set(subject, {
        kind: target.kind,
        name: target.name,
        loginName: target.loginName ?? null,
        href: allowed ? target.href : null,
      });
    } else {
      // Gone, or named by something else than an id (a user name at sign-in, a date, a code).
      const isLogin = kind === "user" && !isUuid(id);
      views.set(subject, {
        kind: SUBJECT_KINDS[kind] ?? "对象",
        name: isLogin ? "" : id || "—",
        loginName: isLogin ? id : null,
        href: null,
      });
    }
  }
  return views;
}
