import { z } from "zod";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import type { AccountStatus, ChannelKind, NewMediaPlatform } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, invalid, notFound } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { getOrgTree } from "@/lib/org/tree";
import { parseInput } from "@/lib/validation/parse";
import { loadVisibleResource } from "@/lib/library/resources";
import { emitEvent } from "@/lib/events/outbox";
import { channelSetupProblem } from "@/lib/channels/channel-config";

// New-media channels (分发同时): where publications go besides the sites. A channel holds no
// content (DESIGN invariant 1); it names a registered account (政务新媒体备案) of its host unit,
// the non-secret settings of the platform and, encrypted, the credentials. Site administrators
// of the unit keep them (channel.manage); editors choose channels for an item the way they
// choose columns, and a channel receives content only while its account is in good standing.

export type Context = Partial<RequestContext>;

export const CHANNEL_KINDS = [
  "WECHAT",
  "WEIBO",
  "TOUTIAO",
  "APP",
  "WEBHOOK",
  "FEED",
] as const satisfies readonly ChannelKind[];

/** The account platform a channel kind delivers to; webhooks and feeds serve any registered account. */
export const PLATFORM_OF_KIND: Record<ChannelKind, NewMediaPlatform | null> = {
  WECHAT: "WECHAT",
  WEIBO: "WEIBO",
  TOUTIAO: "TOUTIAO",
  APP: "APP",
  WEBHOOK: null,
  FEED: null,
};

export function isPlatformCompatible(kind: ChannelKind, platform: NewMediaPlatform): boolean {
  const required = PLATFORM_OF_KIND[kind];
  return required === null || required === platform;
}

type AccountStanding = { status: AccountStatus; cancelEffectiveOn: Date | null };

/**
 * Whether an account may receive content: in operation, or announced for cancellation and not
 * yet at its effective date (the announcement period of seed 002 keeps it running). The
 * effective date is a calendar day in China time; from that day on it receives nothing.
 */
export function isInGoodStanding(account: AccountStanding, now: Date = new Date()): boolean {
  if (account.status === "ACTIVE") return true;
  if (account.status !== "CANCELLING" || !account.cancelEffectiveOn) return false;
  return formatDate(now) < account.cancelEffectiveOn.toISOString().slice(0, 10);
}

/** Why an account may not receive content, in words for the form; null when it may. */
export function standingProblem(account: AccountStanding & { name: string }, now: Date = new Date()): string | null {
  if (isInGoodStanding(account, now)) return null;
  if (account.status === "SUSPENDED") return `账号“${account.name}”已关停，不能接收分发。`;
  if (account.status === "CANCELLED") return `账号“${account.name}”已注销，不能接收分发。`;
  return `账号“${account.name}”的注销已于 ${account.cancelEffectiveOn?.toISOString().slice(0, 10) ?? "公示期满"} 生效，不能接收分发。`;
}

/** A channel may receive content: active, and its account in good standing. */
export function isChannelReceiving(
  channel: { active: boolean; account: AccountStanding },
  now: Date = new Date(),
): boolean {
  return channel.active && isInGoodStanding(channel.account, now);
}

// ───────────────────────── placement (editors choose channels) ─────────────────────────

/**
 * Which channels `actor` may place a resource of `ownerOrgId` on: receiving channels of the
 * owning unit and the units above it, set up to deliver (not 未配置), for someone who may place
 * that unit's resources (placement.manage), like the columns of those units' sites. The rule
 * says why a channel of those units is refused, or null when it may be chosen.
 */
async function channelRule(actor: Principal, ownerOrgId: string) {
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  const lineage = tree.lineage(ownerOrgId);
  const mayPlace = can("placement.manage", { orgId: ownerOrgId });
  const now = new Date();
  return {
    /** Whether the channel is one this actor could ever choose for the resource (own line, may place). */
    inReach: (channel: ChoiceChannel) => mayPlace && lineage.includes(channel.orgId),
    /** Why it cannot be chosen now, in words; null when it can. */
    refusal: (channel: ChoiceChannel): string | null => {
      if (!channel.active) return "该渠道已停用";
      const standing = standingProblem(channel.account, now);
      if (standing) return standing.replace(/。$/, "");
      if (!mayPlace || !lineage.includes(channel.orgId)) return "您无权向该渠道分发本单位以外的稿件";
      const setup = channelSetupProblem(channel);
      return setup ? `该渠道${messages.channelSetup.unconfigured}（${setup}），请网站管理员配置后再选择` : null;
    },
  };
}

const CHANNEL_CHOICE = {
  id: true,
  name: true,
  kind: true,
  orgId: true,
  active: true,
  config: true,
  secrets: true,
  account: { select: { name: true, status: true, cancelEffectiveOn: true } },
} as const;

type ChoiceChannel = {
  name: string;
  kind: ChannelKind;
  orgId: string;
  active: boolean;
  config: unknown;
  secrets: string | null;
  account: AccountStanding & { name: string };
};

/**
 * The channels an editor may choose for a resource of `ownerOrgId`, and those of the same units
 * that cannot be chosen now (未配置, stopped, account not in good standing), each with why.
 */
export async function listChannelChoices(actor: Principal, ownerOrgId: string) {
  const db = getDb();
  const rule = await channelRule(actor, ownerOrgId);
  const channels = await db.channel.findMany({
    where: { active: true },
    orderBy: [{ createdAt: "asc" }],
    select: CHANNEL_CHOICE,
  });
  const choice = (channel: (typeof channels)[number]) => ({
    id: channel.id,
    name: channel.name,
    kind: channel.kind,
    kindLabel: messages.newMedia.channelKinds[channel.kind],
    account: channel.account.name,
  });
  const reachable = channels.filter(rule.inReach).map((channel) => ({ channel, refusal: rule.refusal(channel) }));
  return {
    placeable: reachable.filter(({ refusal }) => refusal === null).map(({ channel }) => choice(channel)),
    unavailable: reachable
      .filter(({ refusal }) => refusal !== null)
      .map(({ channel, refusal }) => ({ ...choice(channel), reason: refusal! })),
  };
}

/** The channels an editor may choose for a resource of `ownerOrgId`. */
export async function listPlaceableChannels(actor: Principal, ownerOrgId: string) {
  return (await listChannelChoices(actor, ownerOrgId)).placeable;
}

/** Refuses (with the channel's name and why) unless every chosen channel may be placed on. */
export async function assertChannelsPlaceable(db: Db | Tx, actor: Principal, ownerOrgId: string, channelIds: string[]) {
  if (channelIds.length === 0) return;
  const rule = await channelRule(actor, ownerOrgId);
  const channels = await db.channel.findMany({ where: { id: { in: channelIds } }, select: CHANNEL_CHOICE });
  if (channels.length !== new Set(channelIds).size)
    throw invalid("所选分发渠道不存在。", { channelIds: ["所选渠道不存在"] });
  for (const channel of channels) {
    const why = rule.refusal(channel);
    if (why === null) continue;
    throw invalid(`不能选择分发渠道“${channel.name}”：${why}。`, {
      channelIds: [`不能选择“${channel.name}”`],
    });
  }
}

/** The resource page's channel placements, the channels that may still be added, and those that may not (why). */
export async function getChannelPlacements(actor: Principal | null, resourceId: string) {
  const resource = await loadVisibleResource(actor, resourceId);
  const db = getDb();
  const [placements, choices] = await Promise.all([
    db.channelPlacement.findMany({
      where: { resourceId },
      orderBy: { createdAt: "asc" },
      include: { channel: { select: CHANNEL_CHOICE } },
    }),
    listChannelChoices(actor!, resource.ownerOrgId),
  ]);
  const now = new Date();
  return {
    placements: placements.map((placement) => {
      const setupProblem = channelSetupProblem(placement.channel);
      return {
        id: placement.id,
        channelId: placement.channelId,
        name: placement.channel.name,
        kindLabel: messages.newMedia.channelKinds[placement.channel.kind],
        receiving: isChannelReceiving(placement.channel, now) && setupProblem === null,
        setupProblem,
      };
    }),
    placeable: choices.placeable,
    unavailable: choices.unavailable,
  };
}

async function assertReviewed(resourceId: string) {
  const db = getDb();
  const reviewed = await db.reviewInstance.findFirst({
    where: { resourceId, status: "APPROVED" },
    select: { id: true },
  });
  const imported = await db.publication.findFirst({ where: { resourceId, origin: "IMPORTED" }, select: { id: true } });
  if (!reviewed && !imported) throw conflict("稿件审核通过后才能调整分发渠道；审核前请在提交审核时选择渠道。");
}

const ZAddChannels = z.object({
  resourceId: z.uuid(),
  channelIds: z.array(z.uuid("渠道不正确")).min(1, "请选择分发渠道").max(50),
});

/**
 * 增加分发渠道 after review. On a live publication the added channels receive it now: the
 * "placement.changed" event names them and the delivery planner (lib/channels/deliveries)
 * writes their deliveries in this transaction.
 */
export async function addChannelPlacements(actor: Principal | null, input: unknown, context: Context = {}) {
  const parsed = parseInput(ZAddChannels, input);
  const resource = await loadVisibleResource(actor, parsed.resourceId);
  const role = await assertCan(actor, "placement.manage", { orgId: resource.ownerOrgId });
  await assertReviewed(resource.id);
  const db = getDb();
  await assertChannelsPlaceable(db, actor!, resource.ownerOrgId, parsed.channelIds);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`select id from "Resource" where id = ${resource.id}::uuid for update`;
    const existing = new Set(
      (await tx.channelPlacement.findMany({ where: { resourceId: resource.id }, select: { channelId: true } })).map(
        (row) => row.channelId,
      ),
    );
    const added = [...new Set(parsed.channelIds)].filter((channelId) => !existing.has(channelId));
    if (added.length === 0) return 0;
    await tx.channelPlacement.createMany({
      data: added.map((channelId) => ({ channelId, resourceId: resource.id })),
      skipDuplicates: true,
    });
    const live = await tx.publication.findFirst({
      where: { resourceId: resource.id, withdrawnAt: null, supersededAt: null },
      select: { id: true },
    });
    if (live)
      await emitEvent(tx, "placement.changed", `resource:${resource.id}`, {
        publicationId: live.id,
        resourceId: resource.id,
        addedChannelIds: added,
      });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "channel.placement.add",
      subject: `resource:${resource.id}`,
      data: { channelIds: added, delivered: Boolean(live) },
      ...context,
    });
    return added.length;
  });
}

/** 移除分发渠道: later publications skip it; what the channel already shows is not recalled. */
export async function removeChannelPlacement(actor: Principal | null, placementId: string, context: Context = {}) {
  if (!z.uuid().safeParse(placementId).success) throw notFound();
  const placement = await getDb().channelPlacement.findUnique({
    where: { id: placementId },
    include: { channel: { select: { name: true } } },
  });
  if (!placement) throw notFound();
  const resource = await loadVisibleResource(actor, placement.resourceId);
  const role = await assertCan(actor, "placement.manage", { orgId: resource.ownerOrgId });
  return getDb().$transaction(async (tx) => {
    const removed = await tx.channelPlacement.deleteMany({ where: { id: placement.id } });
    if (removed.count === 0) throw notFound();
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "channel.placement.remove",
      subject: `resource:${resource.id}`,
      data: { channelId: placement.channelId, name: placement.channel.name },
      ...context,
    });
    return placement;
  });
}
