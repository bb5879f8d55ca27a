import { z } from "zod";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import type { ChannelKind } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { conflict, invalid, notFound } from "@/lib/errors";
import { getOrgTree } from "@/lib/org/tree";
import { parseInput } from "@/lib/validation/parse";
import { messages } from "@/lib/i18n/zh-CN";
import { encryptChannelSecrets } from "@/lib/channels/secrets";
import {
  CHANNEL_KINDS,
  isChannelReceiving,
  isInGoodStanding,
  isPlatformCompatible,
  PLATFORM_OF_KIND,
  standingProblem,
  type Context,
} from "@/lib/channels/channels";
import { deliveryStateLabel } from "@/lib/channels/delivery-words";
import {
  channelSetupProblem,
  CONFIG_FIELDS,
  mergeSecrets,
  parseConfig,
  readStoredSecrets,
  secretFieldsOf,
} from "@/lib/channels/channel-config";

// Channel administration (channel.manage): site administrators of a unit keep its channels.

const t = messages.newMedia;

const ZChannelBase = z.object({
  name: z.string({ message: "请填写渠道名称" }).trim().min(2, "渠道名称至少 2 个字").max(60, "渠道名称不超过 60 字"),
  orgId: z.uuid("请选择所属单位"),
  accountId: z.uuid("请选择关联的政务新媒体账号"),
});

const ZCreate = ZChannelBase.extend({ kind: z.enum(CHANNEL_KINDS, { message: "请选择渠道类型" }) });
const ZUpdate = ZChannelBase.extend({ channelId: z.uuid() });
const ZSetActive = z.object({
  channelId: z.uuid(),
  active: z.preprocess((value) => value === true || value === "true", z.boolean()),
});

async function loadAccountFor(db: Db | Tx, kind: ChannelKind, orgId: string, accountId: string, now = new Date()) {
  const account = await db.newMediaAccount.findUnique({ where: { id: accountId } });
  if (!account) throw invalid("所选的政务新媒体账号不存在。", { accountId: ["账号不存在"] });
  if (account.orgId !== orgId) {
    throw invalid("所选账号不属于该渠道的所属单位：渠道只能关联本单位已备案的账号。", {
      accountId: ["账号不属于所属单位"],
    });
  }
  if (!isPlatformCompatible(kind, account.platform)) {
    const message = `${t.channelKinds[kind]}渠道须关联${t.platforms[PLATFORM_OF_KIND[kind]!]}账号，所选账号是${t.platforms[account.platform]}。`;
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
      config: true,
      secrets: true,
      org: { select: { name: true } },
      account: { select: { id: true, name: true, platform: true, status: true, cancelEffectiveOn: true } },
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { status: true, action: true, createdAt: true, failure: true, lastError: true },
      },
    },
  });
  const now = new Date();
  return channels
    .filter((channel) => can("channel.manage", { orgId: channel.orgId }))
    .map(({ secrets, config, deliveries, ...channel }) => {
      const last = deliveries[0];
      return {
        ...channel,
        credentialsSet: Boolean(secrets),
        /** 未配置 and why (settings or credentials missing or unreadable), or null. */
        setupProblem: channelSetupProblem({ kind: channel.kind, config, secrets }),
        receiving: isChannelReceiving(channel, now),
        lastDelivery: last ? { ...last, stateLabel: deliveryStateLabel(last) } : null,
      };
    });
}

async function loadManagedChannel(actor: Principal | null, channelId: string) {
  if (!z.uuid().safeParse(channelId).success) throw notFound();
  const channel = await getDb().channel.findUnique({
    where: { id: channelId },
    include: { account: true, org: { select: { name: true } } },
  });
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
    channel: {
      ...rest,
      config: (channel.config ?? {}) as Record<string, string>,
      receiving: isChannelReceiving(channel),
      setupProblem: channelSetupProblem(channel),
    },
    /** False when stored credentials no longer decrypt with the configured key. */
    credentialsReadable: stored.readable,
    secretFields: secretFieldsOf(channel.kind).map((field) => ({ ...field, isSet: Boolean(stored.values[field.key]) })),
    configFields: CONFIG_FIELDS[channel.kind],
  };
}

/** The units and registered accounts a channel form may offer this administrator. */
export async function listChannelFormChoices(actor: Principal | null, options: { includeAccountId?: string } = {}) {
  assertHoldsRoleFor(actor, "channel.manage");
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  const accounts = await getDb().newMediaAccount.findMany({
    orderBy: [{ platform: "asc" }, { name: "asc" }],
    include: { org: { select: { name: true } } },
  });
  const now = new Date();
  return {
    orgs: tree.all
      .filter((org) => org.active && (org.kind === "HOST" || org.kind === "SUPERVISING"))
      .filter((org) => can("channel.manage", { orgId: org.id }))
      .map((org) => ({ value: org.id, label: org.name })),
    accounts: accounts
      .filter((account) => can("channel.manage", { orgId: account.orgId }))
      .filter((account) => isInGoodStanding(account, now) || account.id === options.includeAccountId)
      .map((account) => ({
        value: account.id,
        label: `${account.org.name} · ${t.platforms[account.platform]} · ${account.name}${isInGoodStanding(account, now) ? "" : `（${t.accountStatus[account.status]}）`}`,
        platform: account.platform,
      })),
  };
}

/** 新建渠道: settings and credentials validated for the kind; the account must be the unit's, in good standing. */
export async function createChannel(actor: Principal | null, input: unknown, context: Context = {}) {
  const data = parseInput(ZCreate, input);
  const role = await assertCan(actor, "channel.manage", { orgId: data.orgId });
  const raw = input as Record<string, unknown>;
  const config = parseConfig(data.kind, raw);
  const { values } = mergeSecrets(data.kind, raw, {});
  return getDb().$transaction(async (tx) => {
    const account = await loadAccountFor(tx, data.kind, data.orgId, data.accountId);
    const channel = await tx.channel.create({
      data: {
        name: data.name,
        kind: data.kind,
        orgId: data.orgId,
        accountId: account.id,
        config,
        secrets: Object.keys(values).length ? encryptChannelSecrets(values) : null,
      },
      select: { id: true, name: true, kind: true, orgId: true },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "channel.create",
      subject: `channel:${channel.id}`,
      // Credentials never enter the audit record: only which ones were set.
      data: {
        name: data.name,
        kind: data.kind,
        orgId: data.orgId,
        accountId: account.id,
        config,
        credentialsSet: Object.keys(values),
      },
      ...context,
    });
    return channel;
  });
}

/** 修改渠道: name, account, settings; credentials typed in replace the stored ones, empty fields keep them. */
export async function updateChannel(actor: Principal | null, input: unknown, context: Context = {}) {
  const data = parseInput(ZUpdate, input);
  const { channel, role } = await loadManagedChannel(actor, data.channelId);
  if (data.orgId !== channel.orgId)
    throw invalid("渠道的所属单位不能更改；如需更换单位，请停用后新建渠道。", { orgId: ["所属单位不能更改"] });
  const raw = input as Record<string, unknown>;
  const config = parseConfig(channel.kind, raw);
  const { values, replaced } = mergeSecrets(channel.kind, raw, readStoredSecrets(channel.secrets).values);
  return getDb().$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<
      { id: string }[]
    >`select id from "Channel" where id = ${channel.id}::uuid for update`;
    if (!locked) throw notFound();
    // A channel keeps its account while that account is suspended; a new link must be in good standing.
    const account =
      data.accountId === channel.accountId
        ? channel.account
        : await loadAccountFor(tx, channel.kind, channel.orgId, data.accountId);
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
  const parsed = parseInput(ZSetActive, input);
  const { channel, role } = await loadManagedChannel(actor, parsed.channelId);
  const active = parsed.active;
  if (channel.active === active) throw conflict(active ? "该渠道已是启用状态。" : "该渠道已停用。");
  if (active) {
    const problem = standingProblem(channel.account);
    if (problem) throw conflict(problem);
  }
  return getDb().$transaction(async (tx) => {
    const updated = await tx.channel.update({
      where: { id: channel.id },
      data: { active },
      select: { id: true, name: true, active: true },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: active ? "channel.activate" : "channel.deactivate",
      subject: `channel:${channel.id}`,
      data: { name: channel.name },
      ...context,
    });
    return updated;
  });
}
