import { beforeEach, describe, expect, it } from "vitest";
import { decideApplication } from "@/lib/registry/decide-application";
import { exportLedger } from "@/lib/registry/export-ledger";
import { getApplication } from "@/lib/registry/get-application";
import { getApprovalChain } from "@/lib/registry/get-approval-chain";
import { getNewMediaMatrix } from "@/lib/registry/get-new-media-matrix";
import { listApplications } from "@/lib/registry/list-applications";
import { listLedger } from "@/lib/registry/list-ledger";
import { saveApprovalChain } from "@/lib/registry/save-approval-chain";
import { submitApplication } from "@/lib/registry/submit-application";
import { withdrawApplication } from "@/lib/registry/withdraw-application";
import { actorFor, actorsFor, makeUser, orgId, fileDb } from "./helpers";
import {
  accountOf,
  CULTURE,
  DISTRICT,
  OFFICE,
  openInput,
  passChain,
  resetRegistry,
  zipEntry,
} from "./support/registry";

// The new-media registry (政务新媒体备案): applications through the approval chain, the chain's
// configuration and the ledger. The registry's rules are in registry-rules.integration.test.ts.

beforeEach(resetRegistry);

describe("opening an account through the approval chain", () => {
  it("passes the principal, then the supervisor, and lands in the ledger and on the matrix", async () => {
    const db = await fileDb();
    const [officer, principal, deputy, supervisor] = await actorsFor("officer", "principal", "deputy", "supervisor");
    const application = await submitApplication(officer, await openInput());
    expect(application).toMatchObject({ status: "PENDING", currentStep: 0, kind: "OPEN" });
    expect((application.chain as { name: string }[]).map((step) => step.name)).toEqual([
      "本单位主要负责人审批",
      "主管单位审核",
    ]);

    // Step order: the supervising unit cannot go first; a directly responsible person is not the principal.
    await expect(
      decideApplication(supervisor, { applicationId: application.id, decision: "APPROVE" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "当前环节“本单位主要负责人审批”须由重庆市沙坪坝区人民政府或其上级单位的第一责任人审批。",
    });
    await expect(
      decideApplication(deputy, { applicationId: application.id, decision: "APPROVE" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listApplications(principal, "todo")).map((item) => item.id)).toEqual([application.id]);
    expect(await listApplications(supervisor, "todo")).toEqual([]);

    expect(
      await decideApplication(principal, {
        applicationId: application.id,
        decision: "APPROVE",
        comment: "同意开设",
        step: 0,
      }),
    ).toMatchObject({ status: "PENDING", nextStep: "主管单位审核" });
    // The principal's page was stale: the step has moved on.
    await expect(
      decideApplication(principal, { applicationId: application.id, decision: "APPROVE", step: 0 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      decideApplication(principal, { applicationId: application.id, decision: "APPROVE" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "当前环节“主管单位审核”须由主管单位工作人员审批。",
    });
    expect(await db.newMediaAccount.count({ where: { platform: "TOUTIAO" } })).toBe(0);
    expect((await listApplications(supervisor, "todo")).map((item) => item.id)).toEqual([application.id]);

    const done = await decideApplication(supervisor, {
      applicationId: application.id,
      decision: "APPROVE",
      comment: "予以备案",
    });
    expect(done.status).toBe("APPROVED");
    const account = await accountOf("重庆沙坪坝发布", "TOUTIAO");
    expect(done.accountId).toBe(account.id);
    expect(account).toMatchObject({ status: "ACTIVE", manager: "李静", phone: "023-65366012", handle: null });

    const record = await getApplication(officer, application.id);
    expect(record.steps.map((step) => [step.name, step.decision?.label, step.decision?.by])).toEqual([
      ["本单位主要负责人审批", "同意", "刘卫东"],
      ["主管单位审核", "同意", "陈立新"],
    ]);
    expect(record.canDecide).toBe(false);

    const ledger = await listLedger(supervisor, { platform: "TOUTIAO", q: "沙坪坝" });
    expect(ledger.rows.map((row) => [row.unit, row.platformLabel, row.name, row.statusLabel])).toEqual([
      [DISTRICT, "头条号", "重庆沙坪坝发布", "正常运营"],
    ]);
    const matrix = await getNewMediaMatrix(await orgId(DISTRICT));
    expect(
      matrix.units.map((unit) => [unit.unit, unit.accounts.map((item) => `${item.platformLabel}:${item.name}`)]),
    ).toEqual([[DISTRICT, ["微信公众号:重庆沙坪坝发布", "微博:重庆沙坪坝发布", "头条号:重庆沙坪坝发布"]]]);
    // The whole region from the supervising unit; no contact details in public data.
    const region = await getNewMediaMatrix(await orgId(OFFICE));
    expect(region.units.map((unit) => unit.unit)).toEqual([DISTRICT, CULTURE]);
    expect(JSON.stringify(region)).not.toContain("023-65366012");

    const audit = (
      await db.auditEvent.findMany({
        where: { subject: { in: [`account-application:${application.id}`, `new-media-account:${account.id}`] } },
        orderBy: { seq: "asc" },
      })
    ).map((event) => [event.action, event.role]);
    expect(audit).toEqual([
      ["registry.application.submit", "INFO_OFFICER"],
      ["registry.application.approve", "FIRST_RESPONSIBLE"],
      ["registry.account.open", "SUPERVISOR"],
      ["registry.application.approve", "SUPERVISOR"],
    ]);
    // Each step's approvers are told when it reaches them; the submitter, of the outcome.
    const notices = async (userId: string) =>
      (
        await db.notification.findMany({
          where: { userId, link: `/admin/registry/applications/${application.id}` },
          orderBy: { createdAt: "asc" },
        })
      ).map((item) => item.title);
    expect(await notices(principal.id)).toEqual([
      "待审批（本单位主要负责人审批）：重庆市沙坪坝区人民政府开设头条号“重庆沙坪坝发布”",
    ]);
    expect(await notices(supervisor.id)).toEqual([
      "待审批（主管单位审核）：重庆市沙坪坝区人民政府开设头条号“重庆沙坪坝发布”",
    ]);
    expect(await notices(officer.id)).toEqual([
      "申请已通过：重庆市沙坪坝区人民政府开设头条号“重庆沙坪坝发布”（主管单位审核意见：予以备案）",
    ]);
    expect(await notices(deputy.id)).toEqual([]);
  });

  it("refuses the submitter's own approval, one person on two steps, and a rejection without reason", async () => {
    const db = await fileDb();
    // 林海 the site administrator also holds the principal's role; another person holds both approving roles.
    const siteadminUser = await db.user.findUniqueOrThrow({ where: { username: "siteadmin" } });
    await db.membership.create({
      data: { userId: siteadminUser.id, orgId: await orgId(DISTRICT), role: "FIRST_RESPONSIBLE" },
    });
    const both = await makeUser("both.roles", "SUPERVISOR", OFFICE);
    await db.membership.create({ data: { userId: both.id, orgId: await orgId(DISTRICT), role: "FIRST_RESPONSIBLE" } });
    const [siteadmin, twoHats, principal, officer] = await Promise.all([
      actorFor("siteadmin"),
      actorFor("both.roles"),
      actorFor("principal"),
      actorFor("officer"),
    ]);

    const application = await submitApplication(siteadmin, await openInput({ platform: "APP", name: "重庆沙坪坝APP" }));
    await expect(
      decideApplication(siteadmin, { applicationId: application.id, decision: "APPROVE" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: "不能审批本人提交的申请。" });
    await decideApplication(twoHats, { applicationId: application.id, decision: "APPROVE" });
    await expect(
      decideApplication(twoHats, { applicationId: application.id, decision: "APPROVE" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "您已审批过本申请的其他环节，同一人不能审批两个环节。",
    });
    await expect(
      decideApplication(await actorFor("supervisor"), {
        applicationId: application.id,
        decision: "REJECT",
        comment: "",
      }),
    ).rejects.toMatchObject({ code: "INVALID", message: "不同意时请填写理由。" });
    expect(
      await decideApplication(await actorFor("supervisor"), {
        applicationId: application.id,
        decision: "REJECT",
        comment: "本单位已有政务APP建设计划，请整合至“渝快办”。",
      }),
    ).toMatchObject({ status: "REJECTED" });
    expect(await db.newMediaAccount.count({ where: { platform: "APP" } })).toBe(0);
    await expect(
      decideApplication(principal, { applicationId: application.id, decision: "APPROVE" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // A refused OPEN application no longer holds the platform.
    await expect(
      submitApplication(officer, await openInput({ platform: "APP", name: "重庆沙坪坝APP" })),
    ).resolves.toMatchObject({ status: "PENDING" });
  });

  it("lets only the submitter withdraw, and only while under way", async () => {
    await fileDb();
    const [officer, siteadmin, principal] = await Promise.all([
      actorFor("officer"),
      actorFor("siteadmin"),
      actorFor("principal"),
    ]);
    const application = await submitApplication(officer, await openInput());
    await expect(withdrawApplication(siteadmin, { applicationId: application.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "只有提交人可以撤回申请。",
    });
    const culture = await makeUser("culture.officer1", "INFO_OFFICER", CULTURE);
    await expect(withdrawApplication(culture, { applicationId: application.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await withdrawApplication(officer, { applicationId: application.id });
    await expect(withdrawApplication(officer, { applicationId: application.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      decideApplication(principal, { applicationId: application.id, decision: "APPROVE" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await getApplication(officer, application.id)).statusLabel).toBe("已撤回");
  });
});

describe("the approval chain configuration", () => {
  it("is kept by the system administrator; applications keep the chain they were submitted with", async () => {
    const db = await fileDb();
    const [admin, siteadmin, officer, supervisor, principal] = await actorsFor(
      "admin",
      "siteadmin",
      "officer",
      "supervisor",
      "principal",
    );
    await expect(getApprovalChain(siteadmin)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      saveApprovalChain(siteadmin, { steps: [{ name: "主管单位审核", role: "SUPERVISOR", scope: "platform" }] }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveApprovalChain(admin, { steps: [] })).rejects.toMatchObject({
      code: "INVALID",
      message: "审批链至少要有一个环节。",
    });
    await expect(
      saveApprovalChain(admin, { steps: [{ name: "网站管理员审批", role: "SITE_ADMIN", scope: "unit" }] }),
    ).rejects.toMatchObject({ code: "INVALID", message: "第 1 个环节：请选择审批角色" });

    const under = await submitApplication(officer, await openInput());
    // Reordered and extended: the supervisor first, then the principal, then the directly responsible person.
    await saveApprovalChain(admin, {
      steps: [
        { name: "主管单位审核", role: "SUPERVISOR", scope: "platform" },
        { name: "本单位主要负责人审批", role: "FIRST_RESPONSIBLE", scope: "unit" },
        { name: "分管负责人会签", role: "DIRECT_RESPONSIBLE", scope: "unit" },
      ],
    });
    expect((await getApprovalChain(admin)).steps.map((step) => step.name)).toEqual([
      "主管单位审核",
      "本单位主要负责人审批",
      "分管负责人会签",
    ]);
    expect(await db.auditEvent.count({ where: { action: "registry.chain.update" } })).toBe(1);
    // The application under way still starts with the principal.
    await expect(decideApplication(supervisor, { applicationId: under.id, decision: "APPROVE" })).rejects.toMatchObject(
      { code: "FORBIDDEN" },
    );
    await passChain(under.id);
    // A new one follows the new order.
    const next = await submitApplication(officer, await openInput({ platform: "APP", name: "重庆沙坪坝APP" }));
    await expect(decideApplication(principal, { applicationId: next.id, decision: "APPROVE" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await decideApplication(supervisor, { applicationId: next.id, decision: "APPROVE" });
    await decideApplication(principal, { applicationId: next.id, decision: "APPROVE" });
    expect(
      await decideApplication(await actorFor("deputy"), { applicationId: next.id, decision: "APPROVE" }),
    ).toMatchObject({ status: "APPROVED" });
  });
});

describe("the ledger", () => {
  it("filters by what the actor may see and exports a real XLSX workbook", async () => {
    const db = await fileDb();
    const [supervisor, officer, editor] = await Promise.all([
      actorFor("supervisor"),
      actorFor("officer"),
      actorFor("editor"),
    ]);
    const culture = await makeUser("culture.officer3", "INFO_OFFICER", CULTURE);
    expect((await listLedger(supervisor)).rows.map((row) => `${row.unit}/${row.platformLabel}/${row.name}`)).toEqual([
      `${DISTRICT}/微信公众号/重庆沙坪坝发布`,
      `${DISTRICT}/微博/重庆沙坪坝发布`,
      `${CULTURE}/微信公众号/重庆文旅`,
    ]);
    expect((await listLedger(culture)).rows.map((row) => row.name)).toEqual(["重庆文旅"]);
    // Filtering on a unit they may not see gives nothing, not its accounts.
    expect((await listLedger(culture, { orgId: await orgId(DISTRICT) })).rows).toEqual([]);
    expect((await listLedger(officer, { platform: "WEIBO" })).rows.map((row) => row.platformLabel)).toEqual(["微博"]);
    expect((await listLedger(supervisor, { q: "文旅" })).rows.map((row) => row.name)).toEqual(["重庆文旅"]);
    expect((await listLedger(supervisor, { status: "CANCELLED" })).rows).toEqual([]);
    await expect(listLedger(editor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(exportLedger(editor)).rejects.toMatchObject({ code: "FORBIDDEN" });

    const { fileName, data } = await exportLedger(
      supervisor,
      { platform: "WECHAT" },
      { ip: "127.0.0.1", userAgent: "vitest" },
    );
    expect(fileName).toMatch(/^政务新媒体台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect([...data.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(zipEntry(data, "[Content_Types].xml")).toContain("spreadsheetml");
    const text = `${zipEntry(data, "xl/sharedStrings.xml") ?? ""}${zipEntry(data, "xl/worksheets/sheet1.xml") ?? ""}`;
    expect(text).toContain("重庆沙坪坝发布");
    expect(text).toContain("重庆文旅");
    expect(text).toContain("023-65366012");
    expect(text).not.toContain("微博");
    expect(await db.auditEvent.count({ where: { action: "registry.export", role: "SUPERVISOR" } })).toBe(1);
  });
});
