import type { Role } from "@/lib/db/generated/enums";

// The reviewed permission policy: what each role may do, written out by hand. It is compared
// with the live table in lib/auth/permissions.ts (tests/unit/permissions.test.ts), so granting or
// withdrawing any action, or changing its scope, fails the tests until this file is changed too,
// in the same commit, where a reviewer sees the change to who may do what.
//
// org:      in the unit where the role is held and every unit below it.
// platform: for the whole platform, and only when the role is held in the supervising (root) unit.

export type ReviewedGrants = { org: readonly string[]; platform: readonly string[] };

export const REVIEWED_POLICY: Record<Role, ReviewedGrants> = {
  // 采编
  EDITOR: {
    org: [
      "qa.view",
      "resource.view",
      "resource.preview",
      "resource.create",
      "resource.edit",
      "resource.trash",
      "review.submit",
      "review.record.view",
      "publication.publish",
      "placement.manage",
      "delivery.view",
      "delivery.retry",
      "qa.curate",
      "reprint.view",
      "reprint.take",
    ],
    platform: [],
  },
  // 信息员: an editor who may also withdraw and applies for new-media accounts.
  INFO_OFFICER: {
    org: [
      "qa.view",
      "resource.view",
      "resource.preview",
      "resource.create",
      "resource.edit",
      "resource.trash",
      "review.submit",
      "review.record.view",
      "publication.publish",
      "publication.withdraw",
      "placement.manage",
      "delivery.view",
      "delivery.retry",
      "registry.view",
      "registry.apply",
      "qa.curate",
      "reprint.view",
      "reprint.take",
    ],
    platform: [],
  },
  // 供稿科室审核, 信息主管, 审核人: they sign stages of the review (decided by the workflow, not
  // by this table) and read what they sign.
  SECTION_REVIEWER: {
    org: [
      "qa.view",
      "qa.confirm",
      "resource.view",
      "resource.preview",
      "review.record.view",
      "delivery.view",
      "reprint.view",
    ],
    platform: [],
  },
  INFO_SUPERVISOR: {
    org: [
      "qa.view",
      "qa.confirm",
      "resource.view",
      "resource.preview",
      "review.record.view",
      "delivery.view",
      "interaction.view",
      "interaction.reply.review",
      "consultation.view",
      "reprint.view",
    ],
    platform: [],
  },
  CHECK_REVIEWER: {
    org: [
      "qa.view",
      "qa.confirm",
      "resource.view",
      "resource.preview",
      "review.record.view",
      "delivery.view",
      "reprint.view",
    ],
    platform: [],
  },
  // 直接责任人, 第一责任人
  DIRECT_RESPONSIBLE: {
    org: [
      "qa.view",
      "qa.confirm",
      "resource.view",
      "resource.preview",
      "review.record.view",
      "publication.withdraw",
      "delivery.view",
      "registry.view",
      "registry.approve",
      "interaction.view",
      "interaction.reply.review",
      "interaction.extension.decide",
      "consultation.view",
      "disclosure.report.view",
      "supervision.view",
      "supervision.ticket.report",
      "supervision.scores.view",
      "reprint.view",
    ],
    platform: [],
  },
  FIRST_RESPONSIBLE: {
    org: [
      "qa.view",
      "qa.confirm",
      "resource.view",
      "resource.preview",
      "review.record.view",
      "publication.withdraw",
      "delivery.view",
      "registry.view",
      "registry.approve",
      "interaction.view",
      "consultation.view",
      "disclosure.report.view",
      "supervision.view",
      "supervision.scores.view",
      "reprint.view",
    ],
    platform: [],
  },
  // 网站管理员: sites, columns, channels; never reads drafts (no resource.view).
  SITE_ADMIN: {
    org: [
      "qa.view",
      "org.view",
      "review.record.view",
      "publication.publish",
      "publication.withdraw",
      "placement.manage",
      "site.manage",
      "channel.manage",
      "delivery.view",
      "delivery.retry",
      "registry.view",
      "registry.apply",
      "consultation.view",
      "consultation.manage",
      "consultation.moderate",
      "consultation.quota.view",
      "interview.view",
      "interview.manage",
      "qa.curate",
      "qa.keys.manage",
      "supervision.view",
      "supervision.ticket.report",
      "supervision.scores.view",
      "reprint.view",
      "visits.view",
    ],
    platform: [],
  },
  // 主管单位
  SUPERVISOR: {
    org: [
      "qa.view",
      "org.view",
      "resource.view",
      "review.record.view",
      "delivery.view",
      "registry.view",
      "registry.approve",
      "interaction.view",
      "consultation.view",
      "consultation.quota.view",
      "consultation.quota.set",
      "interview.view",
      "disclosure.report.view",
      "supervision.view",
      "supervision.ticket.open",
      "supervision.ticket.close",
      "supervision.scores.view",
      "reprint.view",
      "visits.view",
    ],
    platform: [
      "channels.verify",
      "supervision.run",
      "supervision.thresholds",
      "supervision.framework.manage",
      "supervision.inspection.run",
      "reprint.source.manage",
    ],
  },
  // 三员分立: the system administrator creates accounts but grants no role; the security
  // administrator grants roles; the audit administrator alone reads the audit trail.
  SYSTEM_ADMIN: {
    org: [
      "org.view",
      "org.manage",
      "user.view",
      "user.create",
      "user.deactivate",
      "user.reset_password",
      "user.unlock",
      "workflow.manage",
    ],
    platform: [
      "credential_reset.request",
      "credential_reset.decide",
      "permissions.view",
      "theme.manage",
      "resource.purge",
      "lexicon.manage",
      "search.manage",
      "calendar.manage",
      "channels.verify",
      "registry.configure",
    ],
  },
  SECURITY_ADMIN: {
    org: ["org.view", "user.view", "user.unlock", "user.reset_totp", "membership.manage", "responsibility.assign"],
    platform: ["credential_reset.request", "credential_reset.decide", "security.settings", "permissions.view"],
  },
  AUDIT_ADMIN: {
    org: ["org.view"],
    platform: ["credential_reset.request", "credential_reset.decide", "permissions.view", "audit.view", "audit.export"],
  },
  // 留言办理员: accepts, assigns and answers letters of its unit; sees no drafts of the library.
  INTERACTION_HANDLER: {
    org: [
      "qa.view",
      "qa.adopt",
      "interaction.view",
      "interaction.handle",
      "consultation.view",
      "consultation.manage",
      "consultation.moderate",
      "interview.view",
      "interview.manage",
      "qa.curate",
    ],
    platform: [],
  },
  // 依申请公开办理员
  DISCLOSURE_OFFICER: {
    org: ["disclosure.view", "disclosure.handle", "disclosure.report.view", "disclosure.report.manage"],
    platform: [],
  },
  // 政府信息公开工作机构负责人
  DISCLOSURE_HEAD: {
    org: [
      "disclosure.view",
      "disclosure.handle",
      "disclosure.extension.decide",
      "disclosure.report.view",
      "disclosure.report.manage",
    ],
    platform: [],
  },
};
