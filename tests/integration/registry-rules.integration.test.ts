import { beforeEach, describe, expect, it } from "vitest";
import { completeDueCancellations } from "@/lib/registry/complete-due-cancellations";
import { decideApplication } from "@/lib/registry/decide-application";
import { getNewMediaMatrix } from "@/lib/registry/get-new-media-matrix";
import { setRegion } from "@/lib/registry/set-region";
import { submitApplication } from "@/lib/registry/submit-application";
import { actorFor, makeUser, orgId, fileDb } from "./helpers";
import { accountOf, CULTURE, cst, DISTRICT, openInput, passChain, resetRegistry } from "./support/registry";

// The new-media registry's rules: what may be applied for, by whom, and when an account changes
// state (registry.integration.test.ts has the approval chain and the ledger).

beforeEach(resetRegistry);

describe("registry rules", () => {
  it("keeps one account per platform per unit, counting applications under way", async () => {
    const db = await fileDb();
    const officer = await actorFor("officer");
    await expect(
      submitApplication(officer, await openInput({ platform: "WECHAT", name: "重庆沙坪坝" })),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message:
        "重庆市沙坪坝区人民政府在微信公众号平台已有账号“重庆沙坪坝发布”（正常运营）。一个单位在同一平台只能保留一个政务新媒体账号。",
    });
    await submitApplication(officer, await openInput());
    await expect(submitApplication(officer, await openInput({ name: "重庆沙坪坝头条" }))).rejects.toMatchObject({
      code: "CONFLICT",
      message:
        "重庆市沙坪坝区人民政府在头条号平台开设账号“重庆沙坪坝发布”的申请正在审批中。一个单位在同一平台只能保留一个政务新媒体账号。",
    });
    // A suspended account still holds the place.
    await db.newMediaAccount.updateMany({
      where: { platform: "WEIBO", orgId: await orgId(DISTRICT) },
      data: { status: "SUSPENDED" },
    });
    await expect(submitApplication(officer, await openInput({ platform: "WEIBO" }))).rejects.toMatchObject({
      message: expect.stringContaining("（已关停）"),
    });
    expect(await db.accountApplication.count()).toBe(1);
  });

  it("asks account names to contain the region's name, which the system administrator sets", async () => {
    await fileDb();
    const [officer, admin, siteadmin] = await Promise.all([
      actorFor("officer"),
      actorFor("admin"),
      actorFor("siteadmin"),
    ]);
    await expect(submitApplication(officer, await openInput({ name: "沙坪坝头条" }))).rejects.toMatchObject({
      code: "INVALID",
      message: "账号名称须包含地区名称“重庆”（政务新媒体名称应体现行政区域名称），如“重庆沙坪坝发布”。",
      fieldErrors: { name: [expect.stringContaining("“重庆”")] },
    });
    await expect(setRegion(siteadmin, { region: "沙坪坝" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setRegion(admin, { region: "Chongqing" })).rejects.toMatchObject({ code: "INVALID" });
    await setRegion(admin, { region: "沙坪坝" });
    await expect(submitApplication(officer, await openInput({ name: "重庆头条" }))).rejects.toMatchObject({
      message: expect.stringContaining("地区名称“沙坪坝”"),
    });
    await expect(submitApplication(officer, await openInput({ name: "沙坪坝头条" }))).resolves.toMatchObject({
      status: "PENDING",
    });
  });

  it("refuses missing or malformed fields and changes nothing", async () => {
    const db = await fileDb();
    const officer = await actorFor("officer");
    await expect(
      submitApplication(officer, await openInput({ manager: "", phone: "12345", reason: " " })),
    ).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: {
        manager: [expect.any(String)],
        phone: ["联系电话格式不正确，请填写 11 位手机号码或带区号的固定电话（如 023-65432100）。"],
        reason: [expect.any(String)],
      },
    });
    await expect(submitApplication(officer, await openInput({ platform: "MYSPACE" }))).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { platform: ["请选择平台"] },
    });
    await expect(submitApplication(officer, { kind: "RENAME" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(
      submitApplication(officer, {
        kind: "CANCEL",
        accountId: (await accountOf("重庆沙坪坝发布", "WEIBO")).id,
        reason: "整合注销",
        effectiveOn: "2026-13-01",
        notice: "本账号将于近期注销，相关服务请关注“重庆沙坪坝发布”微信公众号。",
      }),
    ).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { effectiveOn: [expect.any(String)] },
    });
    expect(await db.accountApplication.count()).toBe(0);
  });

  it("applies only for whom the actor may, and only to accounts of that unit in a fitting state", async () => {
    const db = await fileDb();
    const [officer, editor, principal] = await Promise.all([
      actorFor("officer"),
      actorFor("editor"),
      actorFor("principal"),
    ]);
    const culture = await makeUser("culture.officer2", "INFO_OFFICER", CULTURE);
    await expect(submitApplication(editor, await openInput())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(submitApplication(principal, await openInput())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(submitApplication(culture, await openInput())).rejects.toMatchObject({ code: "FORBIDDEN" });
    const weibo = await accountOf("重庆沙坪坝发布", "WEIBO");
    // Another unit's account does not exist for them.
    await expect(
      submitApplication(culture, { kind: "SUSPEND", accountId: weibo.id, reason: "暂停更新，整改" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      submitApplication(officer, {
        kind: "SUSPEND",
        accountId: "00000000-0000-4000-8000-000000000000",
        reason: "暂停更新，整改",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    const suspend = await submitApplication(officer, {
      kind: "SUSPEND",
      accountId: weibo.id,
      reason: "人员不足，暂停运营",
    });
    await expect(
      submitApplication(officer, {
        kind: "CHANGE",
        accountId: weibo.id,
        name: "重庆沙坪坝",
        manager: "李静",
        phone: "13800001111",
        reason: "账号更名",
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: "账号“重庆沙坪坝发布”已有一份关停申请正在审批中，请待其办结后再提交。",
    });
    await passChain(suspend.id);
    expect((await db.newMediaAccount.findUniqueOrThrow({ where: { id: weibo.id } })).status).toBe("SUSPENDED");
    await expect(
      submitApplication(officer, { kind: "SUSPEND", accountId: weibo.id, reason: "再次关停" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: "账号“重庆沙坪坝发布”当前已关停，不能申请关停。",
    });

    // A change: the new values replace the old on final approval.
    const wechat = await accountOf("重庆沙坪坝发布", "WECHAT");
    await expect(
      submitApplication(officer, {
        kind: "CHANGE",
        accountId: wechat.id,
        name: wechat.name,
        handle: wechat.handle,
        manager: wechat.manager,
        phone: wechat.phone,
        description: wechat.description,
        reason: "没有变化",
      }),
    ).rejects.toMatchObject({ code: "INVALID" });
    const change = await submitApplication(officer, {
      kind: "CHANGE",
      accountId: wechat.id,
      name: "重庆沙坪坝",
      handle: wechat.handle,
      manager: "张敏",
      phone: "13800001111",
      description: wechat.description,
      reason: "运维负责人调整，账号更名",
    });
    await passChain(change.id);
    expect(await db.newMediaAccount.findUniqueOrThrow({ where: { id: wechat.id } })).toMatchObject({
      name: "重庆沙坪坝",
      manager: "张敏",
      phone: "13800001111",
      changedAt: expect.any(Date),
    });
    expect(
      await db.auditEvent.findFirst({
        where: { action: "registry.account.change", subject: `new-media-account:${wechat.id}` },
      }),
    ).toMatchObject({ data: { before: { name: "重庆沙坪坝发布" }, after: { name: "重庆沙坪坝" } } });
  });

  it("announces a cancellation at least 15 working days ahead, checked at submission and at final approval", async () => {
    const db = await fileDb();
    const [officer, principal, supervisor] = await Promise.all([
      actorFor("officer"),
      actorFor("principal"),
      actorFor("supervisor"),
    ]);
    const weibo = await accountOf("重庆沙坪坝发布", "WEIBO");
    const cancel = (effectiveOn: string) => ({
      kind: "CANCEL",
      accountId: weibo.id,
      reason: "整合至微信公众号，注销微博账号",
      effectiveOn,
      notice: "“重庆沙坪坝发布”微博账号将注销，今后请关注“重庆沙坪坝发布”微信公众号。",
    });
    // Monday 21 September 2026: 15 working days run across 中秋 and 国庆 to 19 October.
    const monday = cst("2026-09-21T10:00");
    await expect(submitApplication(officer, cancel("2026-10-16"), {}, monday)).rejects.toMatchObject({
      code: "INVALID",
      message:
        "注销须在注销公告发布之日起至少 15 个工作日后生效，按今日（2026年09月21日）公告计，生效日期最早为 2026年10月19日。",
    });
    const early = await submitApplication(officer, cancel("2026-10-19"), {}, monday);
    // Approved only on 30 September: announced then, 19 October is too soon (earliest 27 October).
    await decideApplication(principal, { applicationId: early.id, decision: "APPROVE" }, {}, cst("2026-09-28T10:00"));
    await expect(
      decideApplication(supervisor, { applicationId: early.id, decision: "APPROVE" }, {}, cst("2026-09-30T10:00")),
    ).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("生效日期最早为 2026年10月27日。请不予通过"),
    });
    expect(await db.accountApplication.findUniqueOrThrow({ where: { id: early.id } })).toMatchObject({
      status: "PENDING",
      currentStep: 1,
    });
    expect(await db.applicationDecision.count({ where: { applicationId: early.id } })).toBe(1);
    expect((await db.newMediaAccount.findUniqueOrThrow({ where: { id: weibo.id } })).status).toBe("ACTIVE");
    await decideApplication(
      supervisor,
      { applicationId: early.id, decision: "REJECT", comment: "公告期不足 15 个工作日" },
      {},
      cst("2026-09-30T10:00"),
    );

    const second = await submitApplication(officer, cancel("2026-10-27"), {}, cst("2026-09-30T09:00"));
    await passChain(second.id, cst("2026-09-30T16:00"));
    const announced = await db.newMediaAccount.findUniqueOrThrow({ where: { id: weibo.id } });
    expect(announced).toMatchObject({
      status: "CANCELLING",
      cancelAnnouncedAt: cst("2026-09-30T16:00"),
      cancelNotice: expect.stringContaining("将注销"),
    });
    expect(announced.cancelEffectiveOn?.toISOString().slice(0, 10)).toBe("2026-10-27");
    // Still holds the place: no new Weibo account meanwhile.
    await expect(submitApplication(officer, await openInput({ platform: "WEIBO" }))).rejects.toMatchObject({
      message: expect.stringContaining("注销公示中"),
    });
    const matrix = await getNewMediaMatrix(await orgId(DISTRICT));
    expect(matrix.announcements).toEqual([
      expect.objectContaining({
        name: "重庆沙坪坝发布",
        platformLabel: "微博",
        effectiveOn: "2026-10-27",
        announcedOn: "2026-09-30",
      }),
    ]);

    // The daily job: nothing before the effective day; on it (China time) the account is cancelled.
    expect(await completeDueCancellations(db, cst("2026-10-26T23:59"))).toBe(0);
    expect(await completeDueCancellations(db, cst("2026-10-27T00:10"))).toBe(1);
    expect(await completeDueCancellations(db, cst("2026-10-27T00:20"))).toBe(0);
    expect(await db.newMediaAccount.findUniqueOrThrow({ where: { id: weibo.id } })).toMatchObject({
      status: "CANCELLED",
      cancelledAt: cst("2026-10-27T00:10"),
    });
    expect(
      await db.auditEvent.count({
        where: { action: "registry.account.cancelled", subject: `new-media-account:${weibo.id}`, actorId: null },
      }),
    ).toBe(1);
    const after = await getNewMediaMatrix(await orgId(DISTRICT));
    expect(after.announcements).toEqual([]);
    expect(after.units[0]!.accounts.map((item) => item.platformLabel)).toEqual(["微信公众号"]);
    // The place is free again.
    await expect(submitApplication(officer, await openInput({ platform: "WEIBO" }))).resolves.toMatchObject({
      status: "PENDING",
    });
  });
});
