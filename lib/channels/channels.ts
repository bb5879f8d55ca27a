import { z } from "zod";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import type { AccountStatus, ChannelKind, NewMediaPlatform } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, invalid, notFound } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { loadVisibleResource } from "@/lib/library/resources";
import { emitEvent } from "@/lib/events/outbox";
import { decryptChannelSecrets, encryptChannelSecrets } from "@/lib/channels/secrets";

// New-media channels (分发同时): where publications go besides the sites. A channel holds no
// content (DESIGN invariant 1); it names a registered account (政务新媒体备案) of its host unit,
// the non-secret settings of the platform and, encrypted, the credentials. Site administrators
// of the unit keep them (channel.manage); editors choose channels for an item the way they
// choose columns, and a channel receives content only while its account is in good standing.

type Context = Partial<RequestContext>;

export const CHANNEL_KINDS = ["WECHAT", "WEIBO", "TOUTIAO", "APP", "WEBHOOK", "FEED"] as const satisfies readonly ChannelKind[];

export const CHANNEL_KIND_LABELS: Record<ChannelKind, string> = messages.newMedia.channelKinds;

export const PLATFORM_LABELS: Record<NewMediaPlatform, string> = {
  WECHAT: "微信公众号",
  WEIBO: "微博",
  TOUTIAO: "头条号",
  APP: "政务APP",
  OTHER: "其他平台",
};

export const ACCOUNT_STATUS_LABELS: Record<AccountStatus, string> = {
  ACTIVE: "正常运营",
  SUSPENDED: "已关停",
  CANCELLING: "注销公示中",
  CANCELLED: "已注销",
};

/** The account platform a channel kind delivers to; webhooks and feeds serve any registered account. */
const PLATFORM_OF_KIND: Record<ChannelKind, NewMediaPlatform | null> = {
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
export function isChannelReceiving(channel: { active: boolean; account: AccountStanding }, now: Date = new Date()): boolean {
  return channel.active && isInGoodStanding(channel.account, now);
}

// ───────────────────────── configuration, per kind ─────────────────────────

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const httpUrl = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(500, `${label}不超过 500 字`)
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "http:" || url.protocol === "https:") && Boolean(url.hostname);
      } catch {
        return false;
      }
    }, `${label}须为以 http:// 或 https:// 开头的完整地址`);

const optionalUrl = (label: string) => z.preprocess(blankToUndefined, httpUrl(label).optional());

/** Non-secret settings each kind needs (what the adapters read from `config`). */
const CONFIG_SCHEMAS = {
  WEBHOOK: z.object({ url: httpUrl("接收地址") }),
  APP: z.object({ url: httpUrl("接收地址") }),
  TOUTIAO: z.object({ url: httpUrl("接收地址") }),
  WECHAT: z.object({
    appId: z
      .string({ message: "请填写 AppID" })
      .trim()
      .regex(/^wx[0-9A-Za-z]{16}$/, "AppID 格式不正确（以 wx 开头，共 18 位）"),
    apiBase: optionalUrl("接口地址"),
  }),
  WEIBO: z.object({ apiBase: optionalUrl("接口地址") }),
  FEED: z.object({}),
} satisfies Record<ChannelKind, z.ZodType>;

const secret = (label: string, min: number) =>
  z
    .string()
    .min(min, `${label}至少 ${min} 位`)
    .max(512, `${label}过长`)
    .refine((value) => value.trim() === value && !/\s/.test(value), `${label}不能包含空格`);

/** Credentials each kind needs (stored only encrypted, in `secrets`). */
const SECRET_FIELDS: Record<ChannelKind, { key: string; label: string; schema: z.ZodType<string> }[]> = {
  WEBHOOK: [{ key: "signingSecret", label: "签名密钥", schema: secret("签名密钥", 16) }],
  APP: [{ key: "signingSecret", label: "签名密钥", schema: secret("签名密钥", 16) }],
  TOUTIAO: [{ key: "signingSecret", label: "签名密钥", schema: secret("签名密钥", 16) }],
  WECHAT: [{ key: "appSecret", label: "AppSecret", schema: secret("AppSecret", 16) }],
  WEIBO: [{ key: "accessToken", label: "Access Token", schema: secret("Access Token", 16) }],
  FEED: [],
};

/** Form fields for a kind: the settings, then the credentials (for the channel form). */
export const CONFIG_FIELDS: Record<ChannelKind, { key: string; label: string; required: boolean }[]> = {
  WEBHOOK: [{ key: "url", label: "接收地址（URL）", required: true }],
  APP: [{ key: "url", label: "接收地址（URL）", required: true }],
  TOUTIAO: [{ key: "url", label: "接收地址（融媒体中心转发接口 URL）", required: true }],
  WECHAT: [
    { key: "appId", label: "AppID", required: true },
    { key: "apiBase", label: "接口地址（默认 https://api.weixin.qq.com）", required: false },
  ],
  WEIBO: [{ key: "apiBase", label: "接口地址（默认 https://api.weibo.com）", required: false }],
  FEED: [],
};

export function secretFieldsOf(kind: ChannelKind) {
  return SECRET_FIELDS[kind].map(({ key, label }) => ({ key, label }));
}

/**
 * The stored credentials, or none when they cannot be decrypted (the key was changed): the
 * administrator then sets them again instead of facing an error page.
 */
function readStoredSecrets(stored: string | null): { values: Record<string, string>; readable: boolean } {
  try {
    return { values: decryptChannelSecrets(stored), readable: true };
  } catch {
    return { values: {}, readable: false };
  }
}

function fieldErrors(error: z.ZodError): Record<string, string[]> {
  return z.flattenError(error).fieldErrors as Record<string, string[]>;
}

function parseConfig(kind: ChannelKind, input: Record<string, unknown>): Record<string, string> {
  const parsed = CONFIG_SCHEMAS[kind].safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0]!.message, fieldErrors(parsed.error));
  // Optional settings left empty are not stored.
  return Object.fromEntries(Object.entries(parsed.data as Record<string, unknown>).filter(([, value]) => value !== undefined)) as Record<string, string>;
}

/**
 * The credentials after this edit: a field typed in replaces the stored value, a field left
 * empty keeps it. Every credential the kind needs must end up set.
 */
function mergeSecrets(kind: ChannelKind, input: Record<string, unknown>, stored: Record<string, string>): { values: Record<string, string>; replaced: string[] } {
  const values: Record<string, string> = {};
  const replaced: string[] = [];
  for (const field of SECRET_FIELDS[kind]) {
    const typed = input[field.key];
    if (typeof typed === "string" && typed !== "") {
      const parsed = field.schema.safeParse(typed);
      if (!parsed.success) throw invalid(parsed.error.issues[0]!.message, { [field.key]: [parsed.error.issues[0]!.message] });
      values[field.key] = parsed.data;
      replaced.push(field.key);
    } else if (stored[field.key]) {
      values[field.key] = stored[field.key]!;
    } else {
      throw invalid(`请填写${field.label}。`, { [field.key]: [`请填写${field.label}`] });
    }
  }
  return { values, replaced };
}

// ───────────────────────── administration (channel.manage) ─────────────────────────

const ZChannelBase = z.object({
  name: z.string({ message: "请填写渠道名称" }).trim().min(2, "渠道名称至少 2 个字").max(60, "渠道名称不超过 60 字"),
  orgId: z.uuid("请选择所属单位"),
  accountId: z.uuid("请选择关联的政务新媒体账号"),
});

const ZCreate = ZChannelBase.extend({ kind: z.enum(CHANNEL_KINDS, { message: "请选择渠道类型" }) });
const ZUpdate = ZChannelBase.extend({ channelId: z.uuid() });
const ZSetActive = z.object({ channelId: z.uuid(), active: z.preprocess((value) => value === true || value === "true", z.boolean()) });

async function loadAccountFor(db: Db | Tx, kind: ChannelKind, orgId: string, accountId: string, now = new Date()) {
  const account = await db.newMediaAccount.findUnique({ where: { id: accountId } });
  if (!account) throw invalid("所选的政务新媒体账号不存在。", { accountId: ["账号不存在"] });
  if (account.orgId !== orgId) {
    throw invalid("所选账号不属于该渠道的所属单位：渠道只能关联本单位已备案的账号。", { accountId: ["账号不属于所属单位"] });
  }
  if (!isPlatformCompatible(kind, account.platform)) {
    const message = `${CHANNEL_KIND_LABELS[kind]}渠道须关联${PLATFORM_LABELS[PLATFORM_OF_KIND[kind]!]}账号，所选账号是${PLATFORM_LABELS[account.platform]}。`;
    throw invalid(message, { accountId: ["账号平台与渠道类型不符"] });
  }
  const problem = standingProblem(account, now);
  if (problem) throw invalid(problem, { accountId: [problem] });
  return account;
}

/** Channels this site administrator keeps, with their account and last delivery; never credentials. */
export async function listManagedChannels(actor: Principal | null) {
  assertHoldsRoleFor(actor, "channel.manage");
  const can = await createPermissionChecker(actor);
  const channels = await getDb().channel.findMany({
    orderBy: [{ createdAt: "asc" }],
    select: {
      id: true,
      name: true,
      kind: true,
      orgId: true,
      active: true,
      createdAt: true,
      secrets: true,
      org: { select: { name: true } },
      account: { select: { id: true, name: true, platform: true, status: true, cancelEffectiveOn: true } },
      deliveries: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true, action: true, createdAt: true } },
    },
  });
  const now = new Date();
  return channels
    .filter((channel) => can("channel.manage", { orgId: channel.orgId }))
    .map(({ secrets, deliveries, ...channel }) => ({
      ...channel,
      credentialsSet: Boolean(secrets),
      receiving: isChannelReceiving(channel, now),
      lastDelivery: deliveries[0] ?? null,
    }));
}

async function loadManagedChannel(actor: Principal | null, channelId: string) {
  if (!z.uuid().safeParse(channelId).success) throw notFound();
  const channel = await getDb().channel.findUnique({ where: { id: channelId }, include: { account: true, org: { select: { name: true } } } });
  if (!channel) throw notFound();
  const role = await assertCan(actor, "channel.manage", { orgId: channel.orgId });
  return { channel, role };
}

/** The edit form's data: settings, and which credentials are set (names only, never values). */
export async function getChannelForEdit(actor: Principal | null, channelId: string) {
  const { channel } = await loadManagedChannel(actor, channelId);
  const stored = readStoredSecrets(channel.secrets);
  const { secrets: _secrets, ...rest } = channel;
  void _secrets;
  return {
    channel: { ...rest, config: (channel.config ?? {}) as Record<string, string>, receiving: isChannelReceiving(channel) },
    /** False when stored credentials no longer decrypt with the configured key. */
    credentialsReadable: stored.readable,
    secretFields: secretFieldsOf(channel.kind).map((field) => ({ ...field, isSet: Boolean(stored.values[field.key]) })),
    configFields: CONFIG_FIELDS[channel.kind],
  };
}

/** The units and registered accounts a channel form may offer this administrator. */
export async function listChannelFormChoices(actor: Principal | null, options: { includeAccountId?: string } = {}) {
  assertHoldsRoleFor(actor, "channel.manage");
  const can = await createPermissionChecker(actor);
  const db = getDb();
  const [orgs, accounts] = await Promise.all([
    db.organization.findMany({ where: { active: true, kind: { in: ["HOST", "SUPERVISING"] } }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] }),
    db.newMediaAccount.findMany({ orderBy: [{ platform: "asc" }, { name: "asc" }], include: { org: { select: { name: true } } } }),
  ]);
  const now = new Date();
  return {
    orgs: orgs.filter((org) => can("channel.manage", { orgId: org.id })).map((org) => ({ value: org.id, label: org.name })),
    accounts: accounts
      .filter((account) => can("channel.manage", { orgId: account.orgId }))
      .filter((account) => isInGoodStanding(account, now) || account.id === options.includeAccountId)
      .map((account) => ({
        value: account.id,
        label: `${account.org.name} · ${PLATFORM_LABELS[account.platform]} · ${account.name}${isInGoodStanding(account, now) ? "" : `（${ACCOUNT_STATUS_LABELS[account.status]}）`}`,
        platform: account.platform,
      })),
  };
}

/** 新建渠道: settings and credentials validated for the kind; the account must be the unit's, in good standing. */
export async function createChannel(actor: Principal | null, input: unknown, context: Context = {}) {
  const parsed = ZCreate.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0]!.message, fieldErrors(parsed.error));
  const data = parsed.data;
  const role = await assertCan(actor, "channel.manage", { orgId: data.orgId });
  const raw = input as Record<string, unknown>;
  const config = parseConfig(data.kind, raw);
  const { values } = mergeSecrets(data.kind, raw, {});
  return getDb().$transaction(async (tx) => {
    const account = await loadAccountFor(tx, data.kind, data.orgId, data.accountId);
    const channel = await tx.channel.create({
      data: { name: data.name, kind: data.kind, orgId: data.orgId, accountId: account.id, config, secrets: Object.keys(values).length ? encryptChannelSecrets(values) : null },
      select: { id: true, name: true, kind: true, orgId: true },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "channel.create",
      subject: `channel:${channel.id}`,
      // Credentials never enter the audit record: only which ones were set.
      data: { name: data.name, kind: data.kind, orgId: data.orgId, accountId: account.id, config, credentialsSet: Object.keys(values) },
      ...context,
    });
    return channel;
  });
}

/** 修改渠道: name, account, settings; credentials typed in replace the stored ones, empty fields keep them. */
export async function updateChannel(actor: Principal | null, input: unknown, context: Context = {}) {
  const parsed = ZUpdate.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0]!.message, fieldErrors(parsed.error));
  const data = parsed.data;
  const { channel, role } = await loadManagedChannel(actor, data.channelId);
  if (data.orgId !== channel.orgId) throw invalid("渠道的所属单位不能更改；如需更换单位，请停用后新建渠道。", { orgId: ["所属单位不能更改"] });
  const raw = input as Record<string, unknown>;
  const config = parseConfig(channel.kind, raw);
  const { values, replaced } = mergeSecrets(channel.kind, raw, readStoredSecrets(channel.secrets).values);
  return getDb().$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`select id from "Channel" where id = ${channel.id}::uuid for update`;
    if (!locked) throw notFound();
    // A channel keeps its account while that account is suspended; a new link must be in good standing.
    const account = data.accountId === channel.accountId ? channel.account : await loadAccountFor(tx, channel.kind, channel.orgId, data.accountId);
    const updated = await tx.channel.update({
      where: { id: channel.id },
      data: {
        name: data.name,
        accountId: account.id,
        config,
        ...(replaced.length ? { secrets: encryptChannelSecrets(values) } : {}),
      },
      select: { id: true, name: true, kind: true, orgId: true },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "channel.update",
      subject: `channel:${channel.id}`,
      data: {
        before: { name: channel.name, accountId: channel.accountId, config: channel.config },
        after: { name: data.name, accountId: account.id, config },
        credentialsReplaced: replaced,
      },
      ...context,
    });
    return updated;
  });
}

/** 停用 / 启用: a deactivated channel is offered to nobody and receives nothing new. */
export async function setChannelActive(actor: Principal | null, input: unknown, context: Context = {}) {
  const parsed = ZSetActive.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0]!.message);
  const { channel, role } = await loadManagedChannel(actor, parsed.data.channelId);
  const active = parsed.data.active;
  if (channel.active === active) throw conflict(active ? "该渠道已是启用状态。" : "该渠道已停用。");
  if (active) {
    const problem = standingProblem(channel.account);
    if (problem) throw conflict(problem);
  }
  return getDb().$transaction(async (tx) => {
    const updated = await tx.channel.update({ where: { id: channel.id }, data: { active }, select: { id: true, name: true, active: true } });
    await recordAudit(tx, { actorId: actor!.id, role, action: active ? "channel.activate" : "channel.deactivate", subject: `channel:${channel.id}`, data: { name: channel.name }, ...context });
    return updated;
  });
}

// ───────────────────────── placement (editors choose channels) ─────────────────────────

/**
 * Which channels `actor` may place a resource of `ownerOrgId` on: receiving channels of the
 * owning unit and the units above it, for someone who may place that unit's resources
 * (placement.manage), like the columns of those units' sites.
 */
async function channelRule(db: Db | Tx, actor: Principal, ownerOrgId: string) {
  const can = await createPermissionChecker(actor);
  const orgs = await db.organization.findMany({ select: { id: true, parentId: true } });
  const parents = new Map(orgs.map((org) => [org.id, org.parentId]));
  const lineage: string[] = [];
  for (let id: string | null | undefined = ownerOrgId; id && lineage.length < 32; id = parents.get(id)) lineage.push(id);
  const mayPlace = can("placement.manage", { orgId: ownerOrgId });
  const now = new Date();
  return (channel: { orgId: string; active: boolean; account: AccountStanding }) => mayPlace && lineage.includes(channel.orgId) && isChannelReceiving(channel, now);
}

const CHANNEL_CHOICE = {
  id: true,
  name: true,
  kind: true,
  orgId: true,
  active: true,
  account: { select: { name: true, status: true, cancelEffectiveOn: true } },
} as const;

/** The channels an editor may choose for a resource of `ownerOrgId`. */
export async function listPlaceableChannels(actor: Principal, ownerOrgId: string) {
  const db = getDb();
  const allowed = await channelRule(db, actor, ownerOrgId);
  const channels = await db.channel.findMany({ where: { active: true }, orderBy: [{ createdAt: "asc" }], select: CHANNEL_CHOICE });
  return channels.filter(allowed).map((channel) => ({ id: channel.id, name: channel.name, kind: channel.kind, kindLabel: CHANNEL_KIND_LABELS[channel.kind], account: channel.account.name }));
}

/** Refuses (with the channel's name and why) unless every chosen channel may be placed on. */
export async function assertChannelsPlaceable(db: Db | Tx, actor: Principal, ownerOrgId: string, channelIds: string[]) {
  if (channelIds.length === 0) return;
  const allowed = await channelRule(db, actor, ownerOrgId);
  const channels = await db.channel.findMany({ where: { id: { in: channelIds } }, select: CHANNEL_CHOICE });
  if (channels.length !== new Set(channelIds).size) throw invalid("所选分发渠道不存在。", { channelIds: ["所选渠道不存在"] });
  for (const channel of channels) {
    if (allowed(channel)) continue;
    const why = !channel.active ? "该渠道已停用" : (standingProblem({ ...channel.account, name: channel.account.name }) ?? "您无权向该渠道分发本单位以外的稿件");
    throw invalid(`不能选择分发渠道“${channel.name}”：${why.replace(/。$/, "")}。`, { channelIds: [`不能选择“${channel.name}”`] });
  }
}

/** The resource page's channel placements and the channels that may still be added. */
export async function getChannelPlacements(actor: Principal | null, resourceId: string) {
  const resource = await loadVisibleResource(actor, resourceId);
  const db = getDb();
  const [placements, placeable] = await Promise.all([
    db.channelPlacement.findMany({ where: { resourceId }, orderBy: { createdAt: "asc" }, include: { channel: { select: CHANNEL_CHOICE } } }),
    listPlaceableChannels(actor!, resource.ownerOrgId),
  ]);
  const now = new Date();
  return {
    placements: placements.map((placement) => ({
      id: placement.id,
      channelId: placement.channelId,
      name: placement.channel.name,
      kindLabel: CHANNEL_KIND_LABELS[placement.channel.kind],
      receiving: isChannelReceiving(placement.channel, now),
    })),
    placeable,
  };
}

async function assertReviewed(resourceId: string) {
  const db = getDb();
  const reviewed = await db.reviewInstance.findFirst({ where: { resourceId, status: "APPROVED" }, select: { id: true } });
  const imported = await db.publication.findFirst({ where: { resourceId, origin: "IMPORTED" }, select: { id: true } });
  if (!reviewed && !imported) throw conflict("稿件审核通过后才能调整分发渠道；审核前请在提交审核时选择渠道。");
}

const ZAddChannels = z.object({ resourceId: z.uuid(), channelIds: z.array(z.uuid("渠道不正确")).min(1, "请选择分发渠道").max(50) });

/**
 * 增加分发渠道 after review. On a live publication the added channels receive it now: the
 * "placement.changed" event names them and the delivery planner (lib/channels/deliveries)
 * writes their deliveries in this transaction.
 */
export async function addChannelPlacements(actor: Principal | null, input: unknown, context: Context = {}) {
  const parsed = ZAddChannels.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0]!.message, { channelIds: [parsed.error.issues[0]!.message] });
  const resource = await loadVisibleResource(actor, parsed.data.resourceId);
  const role = await assertCan(actor, "placement.manage", { orgId: resource.ownerOrgId });
  await assertReviewed(resource.id);
  const db = getDb();
  await assertChannelsPlaceable(db, actor!, resource.ownerOrgId, parsed.data.channelIds);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`select id from "Resource" where id = ${resource.id}::uuid for update`;
    const existing = new Set((await tx.channelPlacement.findMany({ where: { resourceId: resource.id }, select: { channelId: true } })).map((row) => row.channelId));
    const added = [...new Set(parsed.data.channelIds)].filter((channelId) => !existing.has(channelId));
    if (added.length === 0) return 0;
    await tx.channelPlacement.createMany({ data: added.map((channelId) => ({ channelId, resourceId: resource.id })), skipDuplicates: true });
    const live = await tx.publication.findFirst({ where: { resourceId: resource.id, withdrawnAt: null, supersededAt: null }, select: { id: true } });
    if (live) await emitEvent(tx, "placement.changed", `resource:${resource.id}`, { publicationId: live.id, resourceId: resource.id, addedChannelIds: added });
    await recordAudit(tx, { actorId: actor!.id, role, action: "channel.placement.add", subject: `resource:${resource.id}`, data: { channelIds: added, delivered: Boolean(live) }, ...context });
    return added.length;
  });
}

/** 移除分发渠道: later publications skip it; what the channel already shows is not recalled. */
export async function removeChannelPlacement(actor: Principal | null, placementId: string, context: Context = {}) {
  if (!z.uuid().safeParse(placementId).success) throw notFound();
  const placement = await getDb().channelPlacement.findUnique({ where: { id: placementId }, include: { channel: { select: { name: true } } } });
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
