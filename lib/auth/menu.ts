import { createPermissionChecker, type Action } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";

// The back-office menu: each entry is shown to those who hold a role its action allows
// somewhere (the pages check the exact scope again).
const ENTRIES: { href: string; label: string; action?: Action; anyOrg?: boolean }[] = [
  { href: "/admin", label: "工作台" },
  { href: "/admin/library", label: "资源库", action: "resource.view", anyOrg: true },
  { href: "/admin/review", label: "审核工作台", action: "resource.view", anyOrg: true },
  { href: "/admin/sites", label: "网站管理", action: "site.manage", anyOrg: true },
  { href: "/admin/channels", label: "分发渠道", action: "channel.manage", anyOrg: true },
  { href: "/admin/registry", label: "政务新媒体", action: "registry.view", anyOrg: true },
  { href: "/admin/interaction", label: "政民互动", action: "interaction.view", anyOrg: true },
  { href: "/admin/interaction/relays", label: "互动接入", action: "channel.manage", anyOrg: true },
  { href: "/admin/consultations", label: "征集调查", action: "consultation.view", anyOrg: true },
  { href: "/admin/interviews", label: "在线访谈", action: "interview.view", anyOrg: true },
  { href: "/admin/ask", label: "智能问答", action: "qa.curate", anyOrg: true },
  { href: "/admin/ask/keys", label: "问答接口密钥", action: "qa.keys.manage", anyOrg: true },
  { href: "/admin/qa", label: "答问库", action: "qa.view", anyOrg: true },
  { href: "/admin/disclosure", label: "依申请公开", action: "disclosure.view", anyOrg: true },
  { href: "/admin/disclosure/reports", label: "公开年报", action: "disclosure.report.view", anyOrg: true },
  { href: "/admin/supervision/findings", label: "监测问题", action: "supervision.view", anyOrg: true },
  { href: "/admin/supervision/tickets", label: "整改单", action: "supervision.view", anyOrg: true },
  { href: "/admin/supervision/thresholds", label: "监测指标", action: "supervision.thresholds" },
  { href: "/admin/oversight", label: "监管总览", action: "supervision.scores.view", anyOrg: true },
  { href: "/admin/reports", label: "网站工作报表", action: "report.site.view", anyOrg: true },
  { href: "/admin/reprints", label: "待转载", action: "reprint.view", anyOrg: true },
  { href: "/admin/reprints/sources", label: "转载源", action: "reprint.source.manage" },
  { href: "/admin/channels/verify", label: "同源核验", action: "channels.verify" },
  { href: "/admin/users", label: "用户管理", action: "user.view", anyOrg: true },
  { href: "/admin/orgs", label: "组织机构", action: "org.view", anyOrg: true },
  { href: "/admin/themes", label: "主题分类", action: "theme.manage" },
  { href: "/admin/workflows", label: "审核流程", action: "workflow.manage", anyOrg: true },
  { href: "/admin/lexicon", label: "预检词库", action: "lexicon.manage" },
  { href: "/admin/search", label: "搜索同义词", action: "search.manage" },
  { href: "/admin/calendar", label: "节假日", action: "calendar.manage" },
  { href: "/admin/library/trash", label: "稿件回收站", action: "resource.purge" },
  { href: "/admin/registry/chain", label: "新媒体审批链", action: "registry.configure" },
  { href: "/admin/security", label: "安全策略", action: "security.settings" },
  { href: "/admin/resets", label: "重置审批", action: "credential_reset.decide" },
  { href: "/admin/audit", label: "审计日志", action: "audit.view" },
  { href: "/admin/permissions", label: "权限对照表", action: "permissions.view" },
  { href: "/admin/account", label: "账号安全" },
];

export async function getAdminMenu(actor: Actor) {
  if (actor.obligation) return ENTRIES.filter((entry) => entry.href === "/admin/account");
  const can = await createPermissionChecker(actor);
  return ENTRIES.filter(
    (entry) =>
      !entry.action ||
      (entry.anyOrg
        ? actor.memberships.some((membership) => can(entry.action!, { orgId: membership.orgId }))
        : can(entry.action, "platform")),
  ).map(({ href, label }) => ({ href, label }));
}
