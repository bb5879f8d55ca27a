import { describe, expect, it } from "vitest";
import { decryptChannelSecrets } from "@/lib/channels/secrets";
import { isInGoodStanding, listPlaceableChannels } from "@/lib/channels/channels";
import {
  createChannel,
  getChannelForEdit,
  listManagedChannels,
  setChannelActive,
  updateChannel,
} from "@/lib/channels/channel-admin";
import { seedChannels } from "@/lib/seed/channels";
import { actorFor, actorsFor, makeUser, orgId, fileDb } from "./helpers";
import { DISTRICT, SECTION } from "./support/review";
import { account, CULTURE, SIGNING_SECRET, webhookChannel } from "./support/channels";

// The seeded channels and their administration: who may create and edit a channel, how its
// settings are validated, and credentials kept encrypted. Placing content on channels:
// channels-placement.integration.test.ts.

describe("isInGoodStanding", () => {
  const now = new Date("2026-12-01T10:00:00+08:00");
  it("admits active accounts and announced cancellations before their effective day, in China time", () => {
    expect(isInGoodStanding({ status: "ACTIVE", cancelEffectiveOn: null }, now)).toBe(true);
    expect(isInGoodStanding({ status: "CANCELLING", cancelEffectiveOn: new Date("2026-12-22") }, now)).toBe(true);
    expect(isInGoodStanding({ status: "CANCELLING", cancelEffectiveOn: new Date("2026-12-01") }, now)).toBe(false);
    // 00:30 on the effective day in Beijing is still the previous day in UTC: already in effect.
    expect(
      isInGoodStanding(
        { status: "CANCELLING", cancelEffectiveOn: new Date("2026-12-22") },
        new Date("2026-12-22T00:30:00+08:00"),
      ),
    ).toBe(false);
    expect(isInGoodStanding({ status: "CANCELLING", cancelEffectiveOn: null }, now)).toBe(false);
    expect(isInGoodStanding({ status: "SUSPENDED", cancelEffectiveOn: null }, now)).toBe(false);
    expect(isInGoodStanding({ status: "CANCELLED", cancelEffectiveOn: null }, now)).toBe(false);
  });
});

describe("seeded channels", () => {
  it("gives 沙坪坝区 a WeChat, a Weibo and a feed channel on its registered accounts, without credentials or placements, once", async () => {
    const db = await fileDb();
    const district = await orgId(DISTRICT);
    const seeded = await db.channel.findMany({
      where: { orgId: district },
      include: { account: true },
      orderBy: { name: "asc" },
    });
    expect(seeded.map((channel) => [channel.kind, channel.name, channel.account.platform, channel.secrets])).toEqual(
      expect.arrayContaining([
        ["WECHAT", "重庆沙坪坝发布 微信公众号", "WECHAT", null],
        ["WEIBO", "重庆沙坪坝发布 微博", "WEIBO", null],
        ["FEED", "沙坪坝区政府信息订阅源", "WECHAT", null],
      ]),
    );
    expect(seeded.find((channel) => channel.name === "重庆沙坪坝发布 微信公众号")!.config).toEqual({
      apiBase: "https://api.weixin.qq.com",
    });
    expect(await db.channelPlacement.count()).toBe(0);
    // Seeding again (the marker) and the channel step again (by name) add nothing.
    const before = await db.channel.count();
    await fileDb();
    const orgIds = new Map([["district", district]]);
    expect(await db.$transaction((tx) => seedChannels(tx, orgIds))).toBe(0);
    expect(await db.channel.count()).toBe(before);
    // The editor of the district may choose the feed; the others are 未配置 until credentials are set.
    const editor = await actorFor("editor");
    const names = (await listPlaceableChannels(editor, await orgId(SECTION))).map((channel) => channel.name);
    expect(names).toContain("沙坪坝区政府信息订阅源");
    expect(names).not.toContain("重庆沙坪坝发布 微信公众号");
    expect(names).not.toContain("重庆沙坪坝发布 微博");
  });
});

describe("channel administration", () => {
  it("lets the unit's site administrator create and edit a channel, storing credentials only encrypted", async () => {
    const db = await fileDb();
    const admin = await actorFor("siteadmin");
    const channel = await webhookChannel(admin);
    const stored = await db.channel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(stored).toMatchObject({
      kind: "WEBHOOK",
      orgId: await orgId(DISTRICT),
      active: true,
      config: { url: "https://rmt.spb.example.cn/tongyuan/inbox" },
    });
    expect(stored.secrets).toBeTruthy();
    expect(stored.secrets).not.toContain(SIGNING_SECRET);
    expect(JSON.stringify(stored.config)).not.toContain(SIGNING_SECRET);
    expect(decryptChannelSecrets(stored.secrets)).toEqual({ signingSecret: SIGNING_SECRET });

    // Neither the listing nor the edit form carries the secret or its ciphertext.
    const listing = await listManagedChannels(admin);
    const listed = listing.find((row) => row.id === channel.id);
    expect(listed).toMatchObject({
      name: "融媒体中心接收接口",
      credentialsSet: true,
      receiving: true,
      lastDelivery: null,
    });
    expect(JSON.stringify(listing)).not.toContain(SIGNING_SECRET);
    expect(JSON.stringify(listing)).not.toContain(stored.secrets!);
    const form = await getChannelForEdit(admin, channel.id);
    expect(form.secretFields).toEqual([{ key: "signingSecret", label: "签名密钥", isSet: true }]);
    expect(JSON.stringify(form)).not.toContain(SIGNING_SECRET);
    expect(JSON.stringify(form)).not.toContain(stored.secrets!);

    // Editing the settings with the credential field left empty keeps the stored secret.
    await updateChannel(admin, {
      channelId: channel.id,
      orgId: stored.orgId,
      accountId: stored.accountId,
      name: "融媒体中心（新接口）",
      url: "https://rmt.spb.example.cn/v2/inbox",
      signingSecret: "",
    });
    const edited = await db.channel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(edited).toMatchObject({
      name: "融媒体中心（新接口）",
      config: { url: "https://rmt.spb.example.cn/v2/inbox" },
      secrets: stored.secrets,
    });
    // Typing a new one replaces it.
    const replacement = "whsec-new-7c2e9d41b8a05f36";
    await updateChannel(admin, {
      channelId: channel.id,
      orgId: stored.orgId,
      accountId: stored.accountId,
      name: "融媒体中心（新接口）",
      url: "https://rmt.spb.example.cn/v2/inbox",
      signingSecret: replacement,
    });
    const replaced = await db.channel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(replaced.secrets).not.toContain(replacement);
    expect(decryptChannelSecrets(replaced.secrets)).toEqual({ signingSecret: replacement });

    // The audit trail names what changed, never a credential.
    const events = await db.auditEvent.findMany({
      where: { subject: `channel:${channel.id}` },
      orderBy: { at: "asc" },
    });
    expect(events.map((event) => event.action)).toEqual(["channel.create", "channel.update", "channel.update"]);
    expect(events.at(-1)!.data).toMatchObject({ credentialsReplaced: ["signingSecret"] });
    const audited = JSON.stringify(events.map((event) => event.data));
    expect(audited).not.toContain(SIGNING_SECRET);
    expect(audited).not.toContain(replacement);
    expect(audited).not.toContain(stored.secrets!);
  });

  it("validates the settings of each kind with a Chinese message and saves nothing", async () => {
    const db = await fileDb();
    const admin = await actorFor("siteadmin");
    const district = await orgId(DISTRICT);
    const other = await account(DISTRICT, "OTHER");
    const wechat = await account(DISTRICT, "WECHAT");
    const before = await db.channel.count();
    const base = { kind: "WEBHOOK", name: "接口校验", orgId: district, accountId: other.id };
    await expect(
      createChannel(admin, { ...base, url: "ftp://rmt.example.cn/inbox", signingSecret: SIGNING_SECRET }),
    ).rejects.toMatchObject({
      code: "INVALID",
      message: "接收地址须为以 http:// 或 https:// 开头的完整地址",
      fieldErrors: { url: ["接收地址须为以 http:// 或 https:// 开头的完整地址"] },
    });
    await expect(
      createChannel(admin, { ...base, url: "https://rmt.example.cn/inbox", signingSecret: "short-secret" }),
    ).rejects.toMatchObject({
      code: "INVALID",
      message: "签名密钥至少 16 位",
    });
    await expect(createChannel(admin, { ...base, url: "https://rmt.example.cn/inbox" })).rejects.toMatchObject({
      code: "INVALID",
      message: "请填写签名密钥。",
    });
    await expect(
      createChannel(admin, {
        kind: "WECHAT",
        name: "公众号",
        orgId: district,
        accountId: wechat.id,
        appId: "12345",
        appSecret: "0123456789abcdef0123",
      }),
    ).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("AppID 格式不正确"),
    });
    await expect(
      createChannel(admin, {
        kind: "WECHAT",
        name: "公众号",
        orgId: district,
        accountId: wechat.id,
        appId: "wx0123456789abcdef",
        apiBase: "not a url",
        appSecret: "0123456789abcdef0123",
      }),
    ).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("接口地址"),
    });
    await expect(
      createChannel(admin, { kind: "PODCAST", name: "播客", orgId: district, accountId: other.id }),
    ).rejects.toMatchObject({ code: "INVALID", message: "请选择渠道类型" });
    expect(await db.channel.count()).toBe(before);

    // A feed needs no settings or credentials; a WeChat channel stores its AppID and API base.
    const feed = await createChannel(admin, {
      kind: "FEED",
      name: "区政府信息订阅源",
      orgId: district,
      accountId: other.id,
    });
    expect(await db.channel.findUniqueOrThrow({ where: { id: feed.id } })).toMatchObject({ config: {}, secrets: null });
    const official = await createChannel(admin, {
      kind: "WECHAT",
      name: "公众号",
      orgId: district,
      accountId: wechat.id,
      appId: "wx0123456789abcdef",
      apiBase: "",
      appSecret: "0123456789abcdef0123",
    });
    const stored = await db.channel.findUniqueOrThrow({ where: { id: official.id } });
    expect(stored.config).toEqual({ appId: "wx0123456789abcdef" });
    expect(decryptChannelSecrets(stored.secrets)).toEqual({ appSecret: "0123456789abcdef0123" });
  });

  it("refuses editors, site administrators of other units, and the unauthenticated", async () => {
    const db = await fileDb();
    const [admin, editor, officer] = await actorsFor("siteadmin", "editor", "officer");
    const cultureAdmin = await makeUser("culture.siteadmin", "SITE_ADMIN", CULTURE);
    const channel = await webhookChannel(admin, DISTRICT, "权限测试渠道");
    const linked = await db.channel.findUniqueOrThrow({ where: { id: channel.id } });
    const otherAccount = await account(DISTRICT, "OTHER");
    const input = {
      kind: "WEBHOOK",
      name: "越权渠道",
      orgId: await orgId(DISTRICT),
      accountId: otherAccount.id,
      url: "https://evil.example.cn/hook",
      signingSecret: SIGNING_SECRET,
    };
    const before = await db.channel.count();
    for (const actor of [editor, officer, cultureAdmin]) {
      await expect(createChannel(actor, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(
        updateChannel(actor, {
          channelId: channel.id,
          orgId: linked.orgId,
          accountId: linked.accountId,
          name: "被改名",
          url: "https://evil.example.cn/hook",
          signingSecret: "",
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(setChannelActive(actor, { channelId: channel.id, active: "false" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(getChannelForEdit(actor, channel.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(createChannel(null, input)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(listManagedChannels(editor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listManagedChannels(cultureAdmin)).map((row) => row.id)).not.toContain(channel.id);
    expect(await db.channel.count()).toBe(before);
    expect(await db.channel.findUniqueOrThrow({ where: { id: channel.id } })).toMatchObject({
      name: "权限测试渠道",
      active: true,
    });
  });

  it("refuses an account of another unit, of another platform, or not in good standing, with its message", async () => {
    const db = await fileDb();
    const admin = await actorFor("siteadmin");
    const district = await orgId(DISTRICT);
    const before = await db.channel.count();
    const create = (accountId: string, kind = "WEIBO") =>
      createChannel(admin, {
        kind,
        name: "区政府微博",
        orgId: district,
        accountId,
        accessToken: "2.00weibo-token-0123456789",
      });

    const foreign = await account(CULTURE, "WEIBO");
    await expect(create(foreign.id)).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("所选账号不属于该渠道的所属单位"),
    });
    const wechat = await account(DISTRICT, "WECHAT");
    await expect(create(wechat.id)).rejects.toMatchObject({
      code: "INVALID",
      message: "微博渠道须关联微博账号，所选账号是微信公众号。",
    });
    const suspended = await account(DISTRICT, "WEIBO", "SUSPENDED");
    await expect(create(suspended.id)).rejects.toMatchObject({
      code: "INVALID",
      message: `账号“${suspended.name}”已关停，不能接收分发。`,
    });
    const cancelled = await account(DISTRICT, "WEIBO", "CANCELLED");
    await expect(create(cancelled.id)).rejects.toMatchObject({
      code: "INVALID",
      message: `账号“${cancelled.name}”已注销，不能接收分发。`,
    });
    const lapsed = await account(DISTRICT, "WEIBO", "CANCELLING", { cancelEffectiveOn: new Date("2026-01-05") });
    await expect(create(lapsed.id)).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("注销已于 2026-01-05 生效"),
    });
    expect(await db.channel.count()).toBe(before);

    // Announced but not yet in effect: still receives content during the announcement period.
    const announced = await account(DISTRICT, "WEIBO", "CANCELLING", {
      cancelEffectiveOn: new Date(Date.now() + 30 * 86_400_000),
    });
    await create(announced.id);
    expect(await db.channel.count()).toBe(before + 1);

    // A channel cannot be re-linked to a suspended account, nor re-activated while its account is suspended.
    const active = await account(DISTRICT, "OTHER");
    const channel = await webhookChannel(admin, DISTRICT, "重新关联测试");
    await expect(
      updateChannel(admin, {
        channelId: channel.id,
        orgId: district,
        accountId: (await account(DISTRICT, "OTHER", "SUSPENDED")).id,
        name: "重新关联测试",
        url: "https://rmt.spb.example.cn/in",
        signingSecret: "",
      }),
    ).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("已关停") });
    await updateChannel(admin, {
      channelId: channel.id,
      orgId: district,
      accountId: active.id,
      name: "重新关联测试",
      url: "https://rmt.spb.example.cn/in",
      signingSecret: "",
    });
    await setChannelActive(admin, { channelId: channel.id, active: "false" });
    await db.newMediaAccount.update({ where: { id: active.id }, data: { status: "SUSPENDED" } });
    await expect(setChannelActive(admin, { channelId: channel.id, active: "true" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("已关停"),
    });
    expect(await db.channel.findUniqueOrThrow({ where: { id: channel.id } })).toMatchObject({
      active: false,
      accountId: active.id,
    });
  });
});
