import { randomBytes } from "node:crypto";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/auth/authenticate";
import { assertCan, assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { conflict, fromPrismaError, invalid, notFound } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { parseInput } from "@/lib/validation/parse";
import { encryptChannelSecrets } from "@/lib/channels/secrets";

// 互动接入 (channel.manage, in the site's unit): a site administrator registers the back end that
// relays one channel of origin into the site's letter queue, names the webhook channel replies go
// back through, and hands the relay its id and signing secret. The secret is shown once (only its
// encryption is kept), can be replaced at any time, and a stopped relay's posts are refused.

type Context = Partial<RequestContext>;

/** Channels of origin a relay may bring letters from (the site's own form is WEB). */
export const RELAY_ORIGINS = ["WECHAT", "WEIBO", "HOTLINE", "MEDIA_CENTER", "NATIONAL"] as const;

const ZCreateRelay = z.object({
  siteId: z.uuid("请选择网站"),
  name: z.string({ message: "请填写接入名称" }).trim().min(2, "接入名称至少 2 个字").max(60, "接入名称不超过 60 字"),
  origin: z.enum(RELAY_ORIGINS, { message: "请选择来源渠道" }),
  channelId: z.uuid("请选择答复回传的 Webhook 渠道"),
});
const ZRelayId = z.object({ relayId: z.uuid("互动接入不正确") });
const ZSetRelayActive = ZRelayId.extend({
  active: z.preprocess((value) => value === true || value === "true", z.boolean()),
});

/** 32 random bytes, base64url: what the relay signs with. */
function newRelaySecret(): string {
  return randomBytes(32).toString("base64url");
}

/** The relays this administrator keeps, with what they brought; never their secrets. */
export async function listManagedRelays(actor: Principal | null) {
  assertHoldsRoleFor(actor, "channel.manage");
  const can = await createPermissionChecker(actor);
  const relays = await getDb().interactionRelay.findMany({
    orderBy: [{ createdAt: "asc" }],
    select: {
      id: true,
      name: true,
      origin: true,
      active: true,
      createdAt: true,
      secretRotatedAt: true,
      site: { select: { name: true, orgId: true } },
      channel: { select: { name: true, active: true } },
      _count: { select: { letters: true } },
      messages: { orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true } },
    },
  });
  return relays
    .filter((relay) => can("channel.manage", { orgId: relay.site.orgId }))
    .map(({ _count, messages: last, site, ...relay }) => ({
      ...relay,
      siteName: site.name,
      originLabel: messages.interaction.channels[relay.origin],
      letters: _count.letters,
      lastMessageAt: last[0]?.createdAt ?? null,
    }));
}

/** The sites and webhook channels a relay form may offer this administrator. */
export async function listRelayFormChoices(actor: Principal | null) {
  assertHoldsRoleFor(actor, "channel.manage");
  const can = await createPermissionChecker(actor);
  const [sites, channels] = await Promise.all([
    getDb().site.findMany({ orderBy: [{ position: "asc" }], select: { id: true, name: true, orgId: true } }),
    getDb().channel.findMany({
      where: { kind: "WEBHOOK", active: true },
      orderBy: [{ createdAt: "asc" }],
      select: { id: true, name: true, orgId: true, org: { select: { name: true } } },
    }),
  ]);
  return {
    sites: sites
      .filter((site) => can("channel.manage", { orgId: site.orgId }))
      .map((site) => ({ value: site.id, label: site.name })),
    origins: RELAY_ORIGINS.map((origin) => ({ value: origin, label: messages.interaction.channels[origin] })),
    channels: channels
      .filter((channel) => can("channel.manage", { orgId: channel.orgId }))
      .map((channel) => ({ value: channel.id, label: `${channel.org.name} · ${channel.name}` })),
  };
}

/** 登记互动接入: returns the relay and its signing secret, which is never shown again. */
export async function createRelay(actor: Principal | null, input: unknown, context: Context = {}) {
  const data = parseInput(ZCreateRelay, input);
  const db = getDb();
  const site = await db.site.findUnique({ where: { id: data.siteId }, select: { id: true, orgId: true, name: true } });
  if (!site) throw invalid("所选网站不存在。", { siteId: ["网站不存在"] });
  const role = await assertCan(actor, "channel.manage", { orgId: site.orgId });
  const channel = await db.channel.findUnique({ where: { id: data.channelId } });
  const can = await createPermissionChecker(actor);
  if (!channel || !can("channel.manage", { orgId: channel.orgId }))
    throw invalid("所选渠道不存在，或不是您管理的渠道。", { channelId: ["渠道不存在或无权使用"] });
  if (channel.kind !== "WEBHOOK" || !channel.active) {
    const message = "答复须经启用中的 Webhook 渠道回传：请选择接入方后台地址所在的 Webhook 渠道。";
    throw invalid(message, { channelId: [message] });
  }
  const secret = newRelaySecret();
  const registered = await db
    .$transaction(async (tx) => {
      const taken = await tx.interactionRelay.findUnique({
        where: { siteId_origin: { siteId: site.id, origin: data.origin } },
        select: { name: true },
      });
      if (taken) {
        const message = `${site.name}已登记${messages.interaction.channels[data.origin]}接入“${taken.name}”：同一网站每个来源渠道只登记一个接入，如需更换请更换其密钥。`;
        throw invalid(message, { origin: [message] });
      }
      const relay = await tx.interactionRelay.create({
        data: {
          siteId: site.id,
          name: data.name,
          origin: data.origin,
          channelId: channel.id,
          secret: encryptChannelSecrets({ signingSecret: secret }),
          createdById: actor!.id,
        },
        select: { id: true, name: true, origin: true },
      });
      await recordAudit(tx, {
        actorId: actor!.id,
        role,
        action: "interaction.relay.create",
        subject: `relay:${relay.id}`,
        // The secret never enters the audit record.
        data: { name: data.name, siteId: site.id, origin: data.origin, channelId: channel.id },
        ...context,
      });
      return { relay, secret };
    })
    .catch((error: unknown) =>
      fromPrismaError(error, { conflict: "该网站的这一来源渠道刚刚已由他人登记，请刷新页面。" }),
    );
  return registered;
}

async function loadManagedRelay(actor: Principal | null, relayId: string) {
  const relay = await getDb().interactionRelay.findUnique({
    where: { id: relayId },
    include: { site: { select: { orgId: true } } },
  });
  if (!relay) throw notFound();
  const role = await assertCan(actor, "channel.manage", { orgId: relay.site.orgId });
  return { relay, role };
}

/** 更换密钥: the old secret stops working at once; the new one is returned to be shown once. */
export async function rotateRelaySecret(actor: Principal | null, input: unknown, context: Context = {}) {
  const { relayId } = parseInput(ZRelayId, input);
  const { relay, role } = await loadManagedRelay(actor, relayId);
  const secret = newRelaySecret();
  return getDb().$transaction(async (tx) => {
    const updated = await tx.interactionRelay.update({
      where: { id: relay.id },
      data: { secret: encryptChannelSecrets({ signingSecret: secret }), secretRotatedAt: new Date() },
      select: { id: true, name: true },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.relay.rotate",
      subject: `relay:${relay.id}`,
      data: { name: relay.name },
      ...context,
    });
    return { relay: updated, secret };
  });
}

/** 停用 / 启用: a stopped relay's posts are refused (403); replies already approved still go back. */
export async function setRelayActive(actor: Principal | null, input: unknown, context: Context = {}) {
  const { relayId, active } = parseInput(ZSetRelayActive, input);
  const { relay, role } = await loadManagedRelay(actor, relayId);
  if (relay.active === active) throw conflict(active ? "该接入已是启用状态。" : "该接入已停用。");
  return getDb().$transaction(async (tx) => {
    const updated = await tx.interactionRelay.update({
      where: { id: relay.id },
      data: { active },
      select: { id: true, name: true, active: true },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: active ? "interaction.relay.activate" : "interaction.relay.deactivate",
      subject: `relay:${relay.id}`,
      data: { name: relay.name },
      ...context,
    });
    return updated;
  });
}
