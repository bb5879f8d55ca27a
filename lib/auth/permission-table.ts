import type { Role } from "@/lib/db/generated/client";

// Permissions are data (STYLE.md 5): one table of actions × roles, read by one check (assertCan in
// lib/auth/permissions.ts), which refuses an action not in the table, a role not listed, or a
// subject outside the organization subtree of the membership that holds the role.
//
// Scope "org": the actor must hold the role in the subject's organization or one of its
// ancestors. Scope "platform": the actor must hold the role in a root organization (the
// supervising unit), i.e. for the whole platform.

export type Scope = "org" | "platform";
export type PermissionRule = { roles: readonly Role[]; scope: Scope; description: string };

/** Everyone who works on a unit's content, reviews it, runs its site or supervises it: who may see its records. */
const UNIT_STAFF: readonly Role[] = [
  "EDITOR",
  "INFO_OFFICER",
  "SECTION_REVIEWER",
  "INFO_SUPERVISOR",
  "CHECK_REVIEWER",
  "DIRECT_RESPONSIBLE",
  "FIRST_RESPONSIBLE",
  "SITE_ADMIN",
  "SUPERVISOR",
];

export const PERMISSIONS = {
  "org.view": {
    roles: ["SYSTEM_ADMIN", "SECURITY_ADMIN", "AUDIT_ADMIN", "SUPERVISOR", "SITE_ADMIN"],
    scope: "org",
    description: "查看组织机构及其责任人",
  },
  "org.manage": { roles: ["SYSTEM_ADMIN"], scope: "org", description: "新建、更名、移动、停用组织机构" },
  "user.view": { roles: ["SYSTEM_ADMIN", "SECURITY_ADMIN"], scope: "org", description: "查看用户账号" },
  // 三员分立: the system administrator creates accounts (with no role); only the security
  // administrator grants roles, so neither alone can make an account that acts.
  "user.create": { roles: ["SYSTEM_ADMIN"], scope: "org", description: "新建用户账号（不含角色）" },
  "user.deactivate": { roles: ["SYSTEM_ADMIN"], scope: "org", description: "停用、启用用户账号" },
  "user.reset_password": { roles: ["SYSTEM_ADMIN"], scope: "org", description: "重置用户密码" },
  "user.unlock": { roles: ["SYSTEM_ADMIN", "SECURITY_ADMIN"], scope: "org", description: "解除账号锁定" },
  "user.reset_totp": { roles: ["SECURITY_ADMIN"], scope: "org", description: "重置双因素认证" },
  // Two-person rule for the three administrators' own credentials (lib/org/credential-resets.ts).
  "credential_reset.request": {
    roles: ["SYSTEM_ADMIN", "SECURITY_ADMIN", "AUDIT_ADMIN"],
    scope: "platform",
    description: "申请重置系统、安全、审计管理员的密码或双因素认证（须另一名管理员批准）",
  },
  "credential_reset.decide": {
    roles: ["SYSTEM_ADMIN", "SECURITY_ADMIN", "AUDIT_ADMIN"],
    scope: "platform",
    description: "批准或拒绝他人提出的管理员密码、双因素认证重置申请",
  },
  "membership.manage": { roles: ["SECURITY_ADMIN"], scope: "org", description: "授予、撤销用户角色（不含本人的角色）" },
  "responsibility.assign": { roles: ["SECURITY_ADMIN"], scope: "org", description: "指定第一责任人、直接责任人" },
  "security.settings": {
    roles: ["SECURITY_ADMIN"],
    scope: "platform",
    description: "修改安全策略（锁定、密码有效期、会话超时）",
  },
  "permissions.view": {
    roles: ["SYSTEM_ADMIN", "SECURITY_ADMIN", "AUDIT_ADMIN"],
    scope: "platform",
    description: "查看权限对照表",
  },
  "audit.view": { roles: ["AUDIT_ADMIN"], scope: "platform", description: "查看、检索审计记录" },
  "theme.manage": { roles: ["SYSTEM_ADMIN"], scope: "platform", description: "维护主题分类" },
  "resource.view": {
    roles: [
      "EDITOR",
      "INFO_OFFICER",
      "SECTION_REVIEWER",
      "INFO_SUPERVISOR",
      "CHECK_REVIEWER",
      "DIRECT_RESPONSIBLE",
      "FIRST_RESPONSIBLE",
      "SUPERVISOR",
    ],
    scope: "org",
    description: "查看资源库中的稿件（含草稿）",
  },
  // Who works on or reviews a unit's items may see a draft in the sites' templates; a signer of its
  // running review may too wherever they hold their role (lib/sites/preview/access.ts).
  "resource.preview": {
    roles: [
      "EDITOR",
      "INFO_OFFICER",
      "SECTION_REVIEWER",
      "INFO_SUPERVISOR",
      "CHECK_REVIEWER",
      "DIRECT_RESPONSIBLE",
      "FIRST_RESPONSIBLE",
    ],
    scope: "org",
    description: "在所放网站的模板中预览草稿（签名的短时预览链接）",
  },
  "resource.create": { roles: ["EDITOR", "INFO_OFFICER"], scope: "org", description: "新建稿件、导入 Word 文档" },
  "resource.edit": {
    roles: ["EDITOR", "INFO_OFFICER"],
    scope: "org",
    description: "编辑稿件（每次保存生成新修订版本）",
  },
  "resource.trash": {
    roles: ["EDITOR", "INFO_OFFICER"],
    scope: "org",
    description: "将未发布的稿件移入回收站、从回收站恢复",
  },
  // 三员分立: permanent removal is the system administrator's, after the retention period the
  // security administrator sets, never an editor's.
  "resource.purge": {
    roles: ["SYSTEM_ADMIN"],
    scope: "platform",
    description: "彻底删除回收站中超过保留期限的稿件",
  },
  "audit.export": { roles: ["AUDIT_ADMIN"], scope: "platform", description: "导出审计记录" },
  "review.submit": {
    roles: ["EDITOR", "INFO_OFFICER"],
    scope: "org",
    description: "提交稿件审核（选择发布栏目与发布时间）",
  },
  "review.record.view": {
    roles: UNIT_STAFF,
    scope: "org",
    description: "查看、导出审核发布责任记录",
  },
  "publication.publish": {
    roles: ["EDITOR", "INFO_OFFICER", "SITE_ADMIN"],
    scope: "org",
    description: "发布或定时发布已审核通过的稿件",
  },
  "publication.withdraw": {
    roles: ["INFO_OFFICER", "SITE_ADMIN", "DIRECT_RESPONSIBLE", "FIRST_RESPONSIBLE"],
    scope: "org",
    description: "撤稿（须填写原因）",
  },
  "placement.manage": {
    roles: ["EDITOR", "INFO_OFFICER", "SITE_ADMIN"],
    scope: "org",
    description: "选择发布栏目、置顶与排序",
  },
  "site.manage": { roles: ["SITE_ADMIN"], scope: "org", description: "维护网站信息、域名、主题与栏目" },
  "workflow.manage": { roles: ["SYSTEM_ADMIN"], scope: "org", description: "配置审核流程" },
  "lexicon.manage": { roles: ["SYSTEM_ADMIN"], scope: "platform", description: "维护敏感词与规范用语词库" },
  "search.manage": { roles: ["SYSTEM_ADMIN"], scope: "platform", description: "维护搜索同义词" },
  "calendar.manage": { roles: ["SYSTEM_ADMIN"], scope: "platform", description: "维护节假日与调休工作日" },
  "channel.manage": { roles: ["SITE_ADMIN"], scope: "org", description: "维护新媒体分发渠道（接口地址、凭据）" },
  "delivery.view": {
    roles: UNIT_STAFF,
    scope: "org",
    description: "查看各渠道的分发版本与分发状态",
  },
  "delivery.retry": { roles: ["EDITOR", "INFO_OFFICER", "SITE_ADMIN"], scope: "org", description: "重试失败的分发" },
  "channels.verify": {
    roles: ["SUPERVISOR", "SYSTEM_ADMIN"],
    scope: "platform",
    description: "核验各渠道内容与资源库一致（信息同源）",
  },
  "registry.view": {
    roles: ["SITE_ADMIN", "INFO_OFFICER", "DIRECT_RESPONSIBLE", "FIRST_RESPONSIBLE", "SUPERVISOR"],
    scope: "org",
    description: "查看政务新媒体台账与审批表",
  },
  "registry.apply": {
    roles: ["SITE_ADMIN", "INFO_OFFICER"],
    scope: "org",
    description: "提交政务新媒体开设、变更、关停、注销申请",
  },
  "registry.approve": {
    roles: ["FIRST_RESPONSIBLE", "DIRECT_RESPONSIBLE", "SUPERVISOR"],
    scope: "org",
    description: "审批政务新媒体申请（按审批链的环节）",
  },
  "registry.configure": { roles: ["SYSTEM_ADMIN"], scope: "platform", description: "配置政务新媒体审批链" },
  // 政民互动: the unit of a message type accepts its letters and assigns them; the lead unit's
  // handler drafts the reply, its 信息主管 or 直接责任人 (as the type says) approves it.
  "interaction.view": {
    roles: ["INTERACTION_HANDLER", "INFO_SUPERVISOR", "DIRECT_RESPONSIBLE", "FIRST_RESPONSIBLE", "SUPERVISOR"],
    scope: "org",
    description: "查看本单位受理或承办的群众留言（含来信人信息）",
  },
  "interaction.handle": {
    roles: ["INTERACTION_HANDLER"],
    scope: "org",
    description: "受理、不予受理、转办交办、合并重复件，起草和提交答复",
  },
  "interaction.reply.review": {
    roles: ["INFO_SUPERVISOR", "DIRECT_RESPONSIBLE"],
    scope: "org",
    description: "审核本单位的留言答复（按留言类型的设置）",
  },
  "interaction.extension.decide": {
    roles: ["DIRECT_RESPONSIBLE"],
    scope: "org",
    description: "审批本单位承办留言的延期申请（直接责任人）",
  },
  // 征集调查: the site's administrator (or the unit's 留言办理员) runs its consultations and surveys
  // and moderates their comments; the supervising unit sets each site's yearly quota.
  "consultation.view": {
    // Who answers for the unit's public interaction (as interaction.view) and the site's administrator.
    roles: [
      "SITE_ADMIN",
      "INTERACTION_HANDLER",
      "INFO_SUPERVISOR",
      "DIRECT_RESPONSIBLE",
      "FIRST_RESPONSIBLE",
      "SUPERVISOR",
    ],
    scope: "org",
    description: "查看本单位网站的征集调查、答卷统计和评论",
  },
  "consultation.manage": {
    roles: ["SITE_ADMIN", "INTERACTION_HANDLER"],
    scope: "org",
    description: "新建、发布、结束、撤销征集调查，生成征集结果反馈送审",
  },
  "consultation.moderate": {
    roles: ["SITE_ADMIN", "INTERACTION_HANDLER"],
    scope: "org",
    description: "审核征集调查的网民评论（去标识后公开或不予公开）",
  },
  "consultation.quota.view": {
    roles: ["SITE_ADMIN", "SUPERVISOR"],
    scope: "org",
    description: "查看各网站年度征集调查完成数与任务数",
  },
  "consultation.quota.set": {
    roles: ["SUPERVISOR"],
    scope: "org",
    description: "设置网站年度征集调查任务数（门户 6 期、部门网站 3 期）",
  },
  // 在线访谈: the site's administrators and the interaction handlers of its unit run it.
  "interview.manage": {
    roles: ["SITE_ADMIN", "INTERACTION_HANDLER"],
    scope: "org",
    description: "发布在线访谈预告，审核网友提问，发布嘉宾答复，整理文字实录送审",
  },
  // 智能问答: questions it could not answer, curated by whoever writes Q&A entries or answers letters
  // for the site's unit; partner keys for GET /api/qa kept by the site's administrator.
  "qa.curate": {
    roles: ["SITE_ADMIN", "INTERACTION_HANDLER", "EDITOR", "INFO_OFFICER"],
    scope: "org",
    description: "处理本单位网站的智能问答待办（转为答问草稿或留言、忽略）",
  },
  "qa.keys.manage": {
    roles: ["SITE_ADMIN"],
    scope: "org",
    description: "管理本单位网站的智能问答接口密钥（合作方调用 /api/qa）",
  },
  // 答问库: everyone who works on the unit's content or answers its letters sees its entries; the
  // handler adopts a published reply as a draft entry; a reviewer confirms a flagged entry still holds.
  "qa.view": {
    roles: [...UNIT_STAFF, "INTERACTION_HANDLER"],
    scope: "org",
    description: "查看本单位的答问库（主题、关联政策、有效期、待复核）",
  },
  "qa.adopt": {
    roles: ["INTERACTION_HANDLER"],
    scope: "org",
    description: "将已公开的留言答复采纳为答问草稿",
  },
  "qa.confirm": {
    roles: ["SECTION_REVIEWER", "INFO_SUPERVISOR", "CHECK_REVIEWER", "DIRECT_RESPONSIBLE", "FIRST_RESPONSIBLE"],
    scope: "org",
    description: "复核因关联政策变化而待复核的答问，确认其仍然有效",
  },
  "interview.view": {
    roles: ["SITE_ADMIN", "INTERACTION_HANDLER", "SUPERVISOR"],
    scope: "org",
    description: "查看在线访谈及其统计（访谈期数、网民留言数、答复数）",
  },
  // 依申请公开: the unit's 政府信息公开工作机构 registers and handles requests to the unit; its head
  // approves extensions (条例第三十三条); the 告知书 goes through the library's review like any text.
  "disclosure.view": {
    roles: ["DISCLOSURE_OFFICER", "DISCLOSURE_HEAD"],
    scope: "org",
    description: "查看本单位收到的政府信息公开申请（含申请人信息和身份证明）",
  },
  "disclosure.handle": {
    roles: ["DISCLOSURE_OFFICER", "DISCLOSURE_HEAD"],
    scope: "org",
    description: "录入、登记政府信息公开申请，补正告知，征求意见，收费，起草告知书，送达和归档",
  },
  "disclosure.extension.decide": {
    roles: ["DISCLOSURE_HEAD"],
    scope: "org",
    description: "审批政府信息公开申请的延期答复（工作机构负责人，不得审批本人的申请）",
  },
  // 政府信息公开工作年度报告: the unit's disclosure office compiles it (enters figures, drafts it for
  // review, exports it); its leaders and the supervising unit read it.
  "disclosure.report.view": {
    roles: ["DISCLOSURE_OFFICER", "DISCLOSURE_HEAD", "DIRECT_RESPONSIBLE", "FIRST_RESPONSIBLE", "SUPERVISOR"],
    scope: "org",
    description: "查看本单位的政府信息公开工作年度报告（统计表、文字部分）并导出",
  },
  "disclosure.report.manage": {
    roles: ["DISCLOSURE_OFFICER", "DISCLOSURE_HEAD"],
    scope: "org",
    description: "编制政府信息公开工作年度报告：填报数据（须说明）、撰写文字部分、生成年报送审",
  },
  // 监管: the supervising unit watches every site and account, opens and closes rectification tickets
  // and sets the thresholds; a site's unit (its administrator and 直接责任人) sees its own findings and
  // reports its fixes; the 第一责任人 sees them (overdue tickets are escalated to them).
  "supervision.view": {
    roles: ["SUPERVISOR", "SITE_ADMIN", "DIRECT_RESPONSIBLE", "FIRST_RESPONSIBLE"],
    scope: "org",
    description: "查看本单位网站和政务新媒体的监测结果、问题和整改单",
  },
  "supervision.run": { roles: ["SUPERVISOR"], scope: "platform", description: "立即运行全部监测" },
  "supervision.ticket.open": { roles: ["SUPERVISOR"], scope: "org", description: "对监测发现的问题立整改单" },
  "supervision.ticket.report": {
    roles: ["SITE_ADMIN", "DIRECT_RESPONSIBLE"],
    scope: "org",
    description: "报告本单位整改单的整改情况",
  },
  "supervision.ticket.close": {
    roles: ["SUPERVISOR"],
    scope: "org",
    description: "复查不能自动核实的整改单：销号或退回重新整改",
  },
  "supervision.thresholds": {
    roles: ["SUPERVISOR"],
    scope: "platform",
    description: "设置监测指标的否决线、预警值和栏目更新频次",
  },
  // 监管 scores (国办秘函〔2019〕19号): the supervising unit keeps the indicator framework, runs each
  // quarter's inspection, enters what the monitors cannot measure and drafts the 通报; a site's
  // administrator and its responsible persons see their own sites' scores and evidence.
  "supervision.framework.manage": {
    roles: ["SUPERVISOR"],
    scope: "platform",
    description: "维护政府网站与政务新媒体检查指标（单项否决、扣分、加分）",
  },
  "supervision.inspection.run": {
    roles: ["SUPERVISOR"],
    scope: "platform",
    description: "开展季度检查、录入人工检查结果（附证据）、生成季度通报送审",
  },
  "supervision.scores.view": {
    roles: ["SUPERVISOR", "SITE_ADMIN", "DIRECT_RESPONSIBLE", "FIRST_RESPONSIBLE"],
    scope: "org",
    description: "查看网站和政务新媒体的检查得分、趋势与证据（本单位）",
  },
  // 转载 (seed 003: 重要政策信息力争1小时内转载): the supervising unit subscribes sites to upper-level
  // sources; the site's editors reprint through review or ignore with a reason.
  "reprint.source.manage": {
    roles: ["SUPERVISOR"],
    scope: "platform",
    description: "维护转载源（上级网站信息源）、指定须转载的网站、立即抓取",
  },
  "reprint.view": {
    roles: UNIT_STAFF,
    scope: "org",
    description: "查看本单位网站的待转载信息及其时限",
  },
  "reprint.take": {
    roles: ["EDITOR", "INFO_OFFICER"],
    scope: "org",
    description: "转载上级信息（生成稿件送审）或忽略（须填写理由）",
  },
  // 稿件统计 and 报送任务 (seed 004: counties 20 items a month, departments 5): a unit's staff see
  // their unit's figures; the receiving portal's administrators and the supervising unit see every
  // unit submitting to them, set each unit's monthly quota and export the year-end ranking (稿酬).
  "statistics.view": {
    roles: UNIT_STAFF,
    scope: "org",
    description: "查看本单位的稿件统计、报送任务完成进度和年度排名",
  },
  "statistics.quota.manage": {
    roles: ["SUPERVISOR", "SITE_ADMIN"],
    scope: "org",
    description: "设置向本网站报送信息的单位的每月报送任务，导出年度报送排名（稿酬依据）",
  },
  // 访问统计: a site's administrator sees the visits of the unit's sites; the supervising unit all.
  "visits.view": {
    roles: ["SITE_ADMIN", "SUPERVISOR"],
    scope: "org",
    description: "查看本单位网站的访问统计（浏览量、独立访客、受访页面、搜索词、来源网站）并导出",
  },
  // 报送 and 采用 (seed 004: 信息员报送): a unit's 信息员 or 信息主管 offers its approved items to another
  // site's desk; that site's editors and administrator adopt them (the same library item on their
  // columns), adopt them edited (through their own review) or return them with a reason.
  "submission.view": {
    roles: UNIT_STAFF,
    scope: "org",
    description: "查看本单位的报送稿件及其采用情况，查看本单位网站收到的来稿",
  },
  "submission.submit": {
    roles: ["INFO_OFFICER", "INFO_SUPERVISOR"],
    scope: "org",
    description: "向其他网站报送本单位审核通过的稿件，撤回待采用的报送",
  },
  "submission.decide": {
    roles: ["EDITOR", "INFO_OFFICER", "SITE_ADMIN"],
    scope: "org",
    description: "处理本单位网站的来稿：采用到栏目、编辑后采用（送本单位审核）、退回（须填写理由）",
  },
  // 政府网站工作年度报表 and the monthly work report (国办函〔2018〕12号, seed 004): the site's
  // administrator fills them in (entered figures, overrides with a reason), signs them off and sends
  // them to review for publication; the unit's leaders and the supervising unit read them.
  "report.site.view": {
    roles: ["SITE_ADMIN", "DIRECT_RESPONSIBLE", "FIRST_RESPONSIBLE", "SUPERVISOR"],
    scope: "org",
    description: "查看本单位网站的工作年度报表和月度工作报告并导出",
  },
  "report.site.manage": {
    roles: ["SITE_ADMIN"],
    scope: "org",
    description: "填报网站工作年度报表和月度工作报告（修改统计数据须说明理由）、签发、送审公开",
  },
  "report.supervision.manage": {
    roles: ["SUPERVISOR"],
    scope: "platform",
    description: "查看、填报、签发和送审公开政府网站监管年度报表",
  },
} as const satisfies Record<string, PermissionRule>;

export type Action = keyof typeof PERMISSIONS;
export function isAction(value: string): value is Action {
  return Object.hasOwn(PERMISSIONS, value);
}
