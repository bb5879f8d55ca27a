import { describe, expect, it } from "vitest";
import { blocksToDoc } from "@/lib/library/content";
import { saveRevision } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import { getReview } from "@/lib/review/queries";
import {
  addChannelPlacements,
  getChannelPlacements,
  listChannelChoices,
  listPlaceableChannels,
  removeChannelPlacement,
} from "@/lib/channels/channels";
import { createChannel, listManagedChannels, setChannelActive, updateChannel } from "@/lib/channels/channel-admin";
import { actorFor, actorsFor, makeUser, orgId, fileDb } from "./helpers";
import { CHECKS, columnId, DISTRICT } from "./support/review";
import { account, CULTURE, draft, webhookChannel } from "./support/channels";

// Which channels an editor may choose on submission, and the channel placements a publication
// gets and loses.

describe("channel placement", () => {
  it("does not offer a channel without credentials (未配置), says why, and refuses it on submission", async () => {
    const db = await fileDb();
    const [admin, editor] = await actorsFor("siteadmin", "editor");
    // The seeded WeChat and Weibo channels have no credentials; the feed needs none.
    const wechat = await db.channel.findFirstOrThrow({ where: { kind: "WECHAT" } });
    const weibo = await db.channel.findFirstOrThrow({ where: { kind: "WEIBO" } });
    const feed = await db.channel.findFirstOrThrow({ where: { kind: "FEED" } });
    const { resource, revision } = await draft(editor, "区行政服务中心元旦假期安排");

    const choices = await listChannelChoices(editor, resource.ownerOrgId);
    expect(choices.placeable.map((channel) => channel.id)).toEqual([feed.id]);
    expect(choices.unavailable).toEqual([
      expect.objectContaining({ id: wechat.id, reason: "该渠道未配置（未填写AppID），请网站管理员配置后再选择" }),
      expect.objectContaining({
        id: weibo.id,
        reason: "该渠道未配置（未设置接口凭据（Access Token）），请网站管理员配置后再选择",
      }),
    ]);
    // The resource page says the same where channels are chosen.
    expect((await getChannelPlacements(editor, resource.id)).unavailable.map((channel) => channel.id)).toEqual([
      wechat.id,
      weibo.id,
    ]);
    // The site administrator's list marks them 未配置.
    const managed = await listManagedChannels(admin);
    expect(managed.find((channel) => channel.id === wechat.id)?.setupProblem).toBe("未填写AppID");
    expect(managed.find((channel) => channel.id === feed.id)?.setupProblem).toBeNull();

    const submitWith = async (channelIds: string[]) =>
      submitForReview(editor, {
        resourceId: resource.id,
        baseVersion: revision.number,
        publishMode: "ON_APPROVAL",
        columnIds: [await columnId("ywdt")],
        channelIds,
      });
    await expect(submitWith([feed.id, wechat.id])).rejects.toMatchObject({
      code: "INVALID",
      message: "不能选择分发渠道“重庆沙坪坝发布 微信公众号”：该渠道未配置（未填写AppID），请网站管理员配置后再选择。",
    });
    await expect(submitWith([weibo.id])).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("未设置接口凭据（Access Token）"),
    });
    // Refused means nothing changed.
    expect(await db.reviewInstance.count({ where: { resourceId: resource.id } })).toBe(0);
    expect(await db.resource.findUniqueOrThrow({ where: { id: resource.id } })).toMatchObject({ state: "DRAFT" });

    // Once the administrator sets the token, the channel is offered and may be chosen.
    await updateChannel(admin, {
      channelId: weibo.id,
      orgId: weibo.orgId,
      accountId: weibo.accountId,
      name: weibo.name,
      apiBase: "https://api.weibo.com",
      accessToken: "2.00weibo-access-token-for-tests",
    });
    const after = await listChannelChoices(editor, resource.ownerOrgId);
    expect(after.placeable.map((channel) => channel.id)).toEqual([weibo.id, feed.id]);
    expect(after.unavailable.map((channel) => channel.id)).toEqual([wechat.id]);
    const instance = await submitWith([weibo.id]);
    expect(instance.channelIds).toEqual([weibo.id]);
  });

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
