import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { AccountStatus, NewMediaPlatform } from "@/lib/db/generated/client";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import { getReview } from "@/lib/review/queries";
import { decryptChannelSecrets } from "@/lib/channels/secrets";
import {
  addChannelPlacements,
  getChannelPlacements,
  isInGoodStanding,
  listPlaceableChannels,
  removeChannelPlacement,
} from "@/lib/channels/channels";
import {
  createChannel,
  getChannelForEdit,
  listManagedChannels,
  setChannelActive,
  updateChannel,
} from "@/lib/channels/channel-admin";
import { seedChannels } from "@/lib/seed/channels";
import type { Actor } from "@/lib/auth/session";
import { actorFor, actorsFor, makeUser, orgId, fileDb } from "./helpers";

const DISTRICT = "重庆市沙坪坝区人民政府";
const SECTION = "区政府办公室政务公开科";
const CULTURE = "重庆市文化和旅游发展委员会";
const CHECKS = ["politics", "law", "policy", "secrecy", "wording"];
const SIGNING_SECRET = "whsec-3f9a1c7e5b2d4068a1";

let serial = 0;
async function account(
  orgName: string,
  platform: NewMediaPlatform,
  status: AccountStatus = "ACTIVE",
  extra: { cancelEffectiveOn?: Date } = {},
) {
  serial += 1;
  return getDb().newMediaAccount.create({
    data: {
      orgId: await orgId(orgName),
      platform,
      name: `测试账号${serial}`,
      manager: "刘洋",
      phone: "023-65368000",
      status,
      ...extra,
    },
  });
}

async function webhookChannel(admin: Actor, orgName = DISTRICT, name = "融媒体中心接收接口") {
  const linked = await account(orgName, "OTHER");
  return createChannel(admin, {
    kind: "WEBHOOK",
    name,
    orgId: await orgId(orgName),
    accountId: linked.id,
    url: "https://rmt.spb.example.cn/tongyuan/inbox",
    signingSecret: SIGNING_SECRET,
  });
}

async function columnId(slug: string) {
  return (await getDb().column.findFirstOrThrow({ where: { slug, site: { hosts: { some: { host: "localhost" } } } } }))
    .id;
}

async function draft(editor: Actor, title: string) {
  const resource = await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId(SECTION) });
  const { revision } = await saveRevision(editor, {
    resourceId: resource.id,
    baseVersion: 0,
    title,
    body: blocksToDoc([{ type: "paragraph", text: "区政务服务中心自12月起周六上午照常办公。" }]),
    metadata: { source: { type: "original" } },
  });
  return { resource, revision };
}

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
    expect(seeded.find((channel) => channel.kind === "WECHAT")!.config).toEqual({
      apiBase: "https://api.weixin.qq.com",
    });
    expect(await db.channelPlacement.count()).toBe(0);
    // Seeding again (the marker) and the channel step again (by name) add nothing.
    const before = await db.channel.count();
    await fileDb();
    const orgIds = new Map([["district", district]]);
    expect(await db.$transaction((tx) => seedChannels(tx, orgIds))).toBe(0);
    expect(await db.channel.count()).toBe(before);
    // The editor of the district may choose them.
    const editor = await actorFor("editor");
    const names = (await listPlaceableChannels(editor, await orgId(SECTION))).map((channel) => channel.name);
    expect(names).toEqual(
      expect.arrayContaining(["重庆沙坪坝发布 微信公众号", "重庆沙坪坝发布 微博", "沙坪坝区政府信息订阅源"]),
    );
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

describe("channel placement", () => {
  it("offers editors the receiving channels of their unit and above, and refuses a foreign or inactive one on submission", async () => {
    const db = await fileDb();
    const [admin, editor] = await actorsFor("siteadmin", "editor");
    const cultureAdmin = await makeUser("culture.siteadmin2", "SITE_ADMIN", CULTURE);
    const own = await webhookChannel(admin, DISTRICT, "沙坪坝融媒体中心");
    const foreign = await webhookChannel(cultureAdmin, CULTURE, "文旅委融媒体中心");
    const stopped = await webhookChannel(admin, DISTRICT, "已停用的接口");
    await setChannelActive(admin, { channelId: stopped.id, active: "false" });
    const suspendedAccount = await account(DISTRICT, "OTHER");
    const lapsed = await createChannel(admin, {
      kind: "FEED",
      name: "账号关停的订阅源",
      orgId: await orgId(DISTRICT),
      accountId: suspendedAccount.id,
    });
    await db.newMediaAccount.update({ where: { id: suspendedAccount.id }, data: { status: "SUSPENDED" } });

    const { resource, revision } = await draft(editor, "区政务服务中心周六照常办公");
    const offered = (await listPlaceableChannels(editor, resource.ownerOrgId)).map((channel) => channel.id);
    expect(offered).toContain(own.id);
    expect(offered).not.toContain(foreign.id);
    expect(offered).not.toContain(stopped.id);
    expect(offered).not.toContain(lapsed.id);

    const submit = (channelIds: string[]) =>
      submitForReview(editor, {
        resourceId: resource.id,
        baseVersion: revision.number,
        publishMode: "ON_APPROVAL",
        columnIds: [],
        channelIds,
      });
    const column = await columnId("ywdt");
    const submitWith = (channelIds: string[]) =>
      submitForReview(editor, {
        resourceId: resource.id,
        baseVersion: revision.number,
        publishMode: "ON_APPROVAL",
        columnIds: [column],
        channelIds,
      });
    await expect(submitWith([own.id, foreign.id])).rejects.toMatchObject({
      code: "INVALID",
      message: "不能选择分发渠道“文旅委融媒体中心”：您无权向该渠道分发本单位以外的稿件。",
    });
    await expect(submitWith([stopped.id])).rejects.toMatchObject({
      code: "INVALID",
      message: "不能选择分发渠道“已停用的接口”：该渠道已停用。",
    });
    await expect(submitWith([lapsed.id])).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("已关停"),
    });
    await expect(submitWith(["00000000-0000-4000-8000-000000000000"])).rejects.toMatchObject({
      code: "INVALID",
      message: "所选分发渠道不存在。",
    });
    await expect(submit(["not-a-uuid"])).rejects.toMatchObject({ code: "INVALID", message: "分发渠道不正确" });
    expect(await db.reviewInstance.count({ where: { resourceId: resource.id } })).toBe(0);
    expect(await db.resource.findUniqueOrThrow({ where: { id: resource.id } })).toMatchObject({ state: "DRAFT" });

    const first = await submitWith([own.id, own.id]);
    expect(first.channelIds).toEqual([own.id]);
    // A new revision during review opens a new instance with the same channels.
    const saved = await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 1,
      title: "区政务服务中心周六照常办公（修改）",
      body: blocksToDoc([{ type: "paragraph", text: "自12月起周六上午照常办公。" }]),
      metadata: { source: { type: "original" } },
    });
    const instance = await db.reviewInstance.findUniqueOrThrow({ where: { id: saved.reviewInstanceId! } });
    expect(instance.channelIds).toEqual([own.id]);
    expect((await getReview(await actorFor("reviewer"), instance.id)).channels).toEqual([
      { id: own.id, name: "沙坪坝融媒体中心", kind: "WEBHOOK", kindLabel: "通用 Webhook" },
    ]);
  });

  it("places the resource on the chosen channels when published, then adds and removes channels like columns", async () => {
    const db = await fileDb();
    const [admin, editor, reviewer, deputy] = await actorsFor("siteadmin", "editor", "reviewer", "deputy");
    const first = await webhookChannel(admin, DISTRICT, "融媒体中心甲");
    const second = await webhookChannel(admin, DISTRICT, "融媒体中心乙");
    const third = await webhookChannel(admin, DISTRICT, "融媒体中心丙");
    const { resource, revision } = await draft(editor, "区图书馆冬季开放时间调整");
    await expect(
      addChannelPlacements(editor, { resourceId: resource.id, channelIds: [first.id] }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("审核通过后") });

    const instance = await submitForReview(editor, {
      resourceId: resource.id,
      baseVersion: revision.number,
      publishMode: "ON_APPROVAL",
      columnIds: [await columnId("ywdt")],
      channelIds: [first.id, second.id],
    });
    expect(await db.channelPlacement.count({ where: { resourceId: resource.id } })).toBe(0);
    for (const check of CHECKS)
      await signOff(reviewer, {
        instanceId: instance.id,
        stagePosition: 0,
        check,
        decision: "APPROVE",
        contentHash: instance.contentHash,
      });
    await signOff(deputy, {
      instanceId: instance.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: instance.contentHash,
    });

    const publication = await db.publication.findFirstOrThrow({
      where: { resourceId: resource.id, withdrawnAt: null },
    });
    const placements = await db.channelPlacement.findMany({ where: { resourceId: resource.id } });
    expect(placements.map((placement) => placement.channelId).sort()).toEqual([first.id, second.id].sort());
    // Written before the publication's event in the same transaction, so the delivery planner
    // found them: one delivery per chosen channel, carrying the approved content hash.
    const planned = await db.delivery.findMany({ where: { publicationId: publication.id } });
    expect(planned.map((delivery) => delivery.channelId).sort()).toEqual([first.id, second.id].sort());
    expect(
      planned.every((delivery) => delivery.action === "PUBLISH" && delivery.contentHash === instance.contentHash),
    ).toBe(true);

    const channels = await getChannelPlacements(editor, resource.id);
    expect(channels.placements.map((placement) => placement.name).sort()).toEqual(
      ["融媒体中心乙", "融媒体中心甲"].sort(),
    );
    expect(channels.placeable.map((channel) => channel.id)).toEqual(expect.arrayContaining([third.id]));

    // Another unit's editor may not touch this resource's channels.
    const outsider = await makeUser("culture.editor.ch", "EDITOR", CULTURE);
    await expect(
      addChannelPlacements(outsider, { resourceId: resource.id, channelIds: [third.id] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(removeChannelPlacement(outsider, placements[0]!.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Adding a channel to a live publication announces it for delivery.
    expect(await addChannelPlacements(editor, { resourceId: resource.id, channelIds: [third.id, first.id] })).toBe(1);
    const event = await db.outboxEvent.findFirstOrThrow({
      where: { subject: `resource:${resource.id}`, topic: "placement.changed" },
      orderBy: { id: "desc" },
    });
    expect(event.payload).toMatchObject({
      publicationId: publication.id,
      resourceId: resource.id,
      addedChannelIds: [third.id],
    });
    expect(await db.channelPlacement.count({ where: { resourceId: resource.id } })).toBe(3);
    expect(
      (await db.delivery.findMany({ where: { publicationId: publication.id } }))
        .map((delivery) => delivery.channelId)
        .sort(),
    ).toEqual([first.id, second.id, third.id].sort());

    const removed = placements.find((placement) => placement.channelId === second.id)!;
    await removeChannelPlacement(editor, removed.id);
    expect(
      (await db.channelPlacement.findMany({ where: { resourceId: resource.id } }))
        .map((placement) => placement.channelId)
        .sort(),
    ).toEqual([first.id, third.id].sort());
    const actions = (
      await db.auditEvent.findMany({
        where: { subject: `resource:${resource.id}`, action: { startsWith: "channel.placement" } },
      })
    ).map((row) => row.action);
    expect(actions).toEqual(["channel.placement.add", "channel.placement.remove"]);
  });
});
