import { createPermissionChecker } from "@/lib/auth/permissions";
import { type Action } from "@/lib/auth/permission-table";
import type { Actor } from "@/lib/auth/session";

type Entry = { href: string; label: string; action?: Action; anyOrg?: boolean };

// The back-office menu, grouped by area as a site-group platform's is: each entry is shown to
// those who hold a role its action allows somewhere (the pages check the exact scope again).
const GROUPS: { label: string; entries: Entry[] }[] = [
  {
    label: "内容",
    entries: [
      { href: "/admin", label: "工作台" },
      { href: "/admin/library", label: "资源库", action: "resource.view", anyOrg: true },
      { href: "/admin/review", label: "审核工作台", action: "resource.view", anyOrg: true },
      { href: "/admin/submissions", label: "我的报送", action: "submission.submit", anyOrg: true },
      { href: "/admin/submissions/desk", label: "来稿", action: "submission.decide", anyOrg: true },
      { href: "/admin/reprints", label: "待转载", action: "reprint.view", anyOrg: true },
      { href: "/admin/reprints/sources", label: "转载源", action: "reprint.source.manage" },
      { href: "/admin/library/trash", label: "稿件回收站", action: "resource.purge" },
    ],
  },
  {
    label: "网站与渠道",
    entries: [
      { href: "/admin/sites", label: "网站管理", action: "site.manage", anyOrg: true },
      { href: "/admin/channels", label: "分发渠道", action: "channel.manage", anyOrg: true },
      { href: "/admin/registry", label: "政务新媒体", action: "registry.view", anyOrg: true },
      { href: "/admin/interaction/relays", label: "互动接入", action: "channel.manage", anyOrg: true },
      { href: "/admin/channels/verify", label: "同源核验", action: "channels.verify" },
      { href: "/admin/registry/chain", label: "新媒体审批链", action: "registry.configure" },
    ],
  },
  {
    label: "政民互动",
    entries: [
      { href: "/admin/interaction", label: "政民互动", action: "interaction.view", anyOrg: true },
      { href: "/admin/consultations", label: "征集调查", action: "consultation.view", anyOrg: true },
      { href: "/admin/interviews", label: "在线访谈", action: "interview.view", anyOrg: true },
      { href: "/admin/ask", label: "智能问答", action: "qa.curate", anyOrg: true },
      { href: "/admin/ask/keys", label: "问答接口密钥", action: "qa.keys.manage", anyOrg: true },
      { href: "/admin/qa", label: "答问库", action: "qa.view", anyOrg: true },
    ],
  },
  {
    label: "政务公开",
    entries: [
      { href: "/admin/disclosure", label: "依申请公开", action: "disclosure.view", anyOrg: true },
      { href: "/admin/disclosure/reports", label: "公开年报", action: "disclosure.report.view", anyOrg: true },
    ],
  },
  {
    label: "监管",
    entries: [
      { href: "/admin/supervision/findings", label: "监测问题", action: "supervision.view", anyOrg: true },
      { href: "/admin/supervision/tickets", label: "整改单", action: "supervision.view", anyOrg: true },
      { href: "/admin/supervision/thresholds", label: "监测指标", action: "supervision.thresholds" },
      { href: "/admin/oversight", label: "监管总览", action: "supervision.scores.view", anyOrg: true },
    ],
  },
  {
    label: "统计报表",
    entries: [
      { href: "/admin/statistics", label: "稿件统计", action: "statistics.view", anyOrg: true },
      { href: "/admin/statistics/quotas", label: "报送任务", action: "statistics.view", anyOrg: true },
      { href: "/admin/visits", label: "访问统计", action: "visits.view", anyOrg: true },
      { href: "/admin/reports", label: "网站工作报表", action: "report.site.view", anyOrg: true },
    ],
  },
  {
    label: "系统",
    entries: [
      { href: "/admin/users", label: "用户管理", action: "user.view", anyOrg: true },
      { href: "/admin/orgs", label: "组织机构", action: "org.view", anyOrg: true },
      { href: "/admin/themes", label: "主题分类", action: "theme.manage" },
      { href: "/admin/workflows", label: "审核流程", action: "workflow.manage", anyOrg: true },
      { href: "/admin/lexicon", label: "预检词库", action: "lexicon.manage" },
      { href: "/admin/search", label: "搜索同义词", action: "search.manage" },
      { href: "/admin/calendar", label: "节假日", action: "calendar.manage" },
      { href: "/admin/security", label: "安全策略", action: "security.settings" },
      { href: "/admin/resets", label: "重置审批", action: "credential_reset.decide" },
      { href: "/admin/audit", label: "审计日志", action: "audit.view" },
      { href: "/admin/permissions", label: "权限对照表", action: "permissions.view" },
      { href: "/admin/account", label: "账号安全" },
    ],
  },
];

export type AdminMenuGroup = { label: string; items: { href: string; label: string }[] };

/** The groups of entries the actor may use, empty groups left out. */
export async function getAdminMenu(actor: Actor): Promise<AdminMenuGroup[]> {
  const can = await createPermissionChecker(actor);
  const shown = (entry: Entry) =>
    actor.obligation
      ? entry.href === "/admin/account"
      : !entry.action ||
        (entry.anyOrg
          ? actor.memberships.some((membership) => can(entry.action!, { orgId: membership.orgId }))
          : can(entry.action, "platform"));
  return GROUPS.map((group) => ({
    label: group.label,
    items: group.entries.filter(shown).map(({ href, label }) => ({ href, label })),
  })).filter((group) => group.items.length > 0);
}
