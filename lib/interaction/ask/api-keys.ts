import { randomBytes } from "node:crypto";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/auth/authenticate";
import { assertCan, assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { conflict, notFound } from "@/lib/errors";
import { zText } from "@/lib/validation/text";
import { parseInput } from "@/lib/validation/parse";
import { digestOfKey } from "@/lib/interaction/ask/api-access";

// 智能问答接口密钥: a site's administrator (qa.keys.manage) gives a partner (热线, 政务 App) a key for
// GET /api/qa with its own rate limit, and stops it. The key is shown once; only its SHA-256
// digest is kept (the key is 32 random bytes, so a digest without salt cannot be reversed).

type Context = Partial<RequestContext>;

const ZCreateKey = z.object({
  siteId: z.uuid("请选择网站"),
  name: zText({ singleLine: true }).trim().min(2, "合作方名称至少 2 个字").max(60, "合作方名称不超过 60 字"),
  requestsPerMinute: z.coerce
    .number({ message: "每分钟请求上限须为数字" })
    .int("每分钟请求上限须为整数")
    .min(1, "每分钟请求上限至少为 1")
    .max(100_000, "每分钟请求上限不超过 100000"),
});
const ZKeyId = z.object({ keyId: z.uuid("密钥不正确") });

export async function listQaKeys(actor: Principal | null) {
  assertHoldsRoleFor(actor, "qa.keys.manage");
  const can = await createPermissionChecker(actor);
  const keys = await getDb().qaApiKey.findMany({
    orderBy: [{ createdAt: "asc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      requestsPerMinute: true,
      createdAt: true,
      revokedAt: true,
      lastUsedAt: true,
      site: { select: { name: true, orgId: true } },
    },
  });
  return keys
    .filter((key) => can("qa.keys.manage", { orgId: key.site.orgId }))
    .map(({ site, ...key }) => ({ ...key, siteName: site.name }));
}

export async function listQaKeySites(actor: Principal | null) {
  assertHoldsRoleFor(actor, "qa.keys.manage");
  const can = await createPermissionChecker(actor);
  const sites = await getDb().site.findMany({
    orderBy: [{ position: "asc" }],
    select: { id: true, name: true, orgId: true },
  });
  return sites
    .filter((site) => can("qa.keys.manage", { orgId: site.orgId }))
    .map((site) => ({ value: site.id, label: site.name }));
}

/** Creates a key; returns it once. */
export async function createQaKey(actor: Principal | null, input: unknown, context: Context = {}) {
  assertHoldsRoleFor(actor, "qa.keys.manage");
  const data = parseInput(ZCreateKey, input);
  const site = await getDb().site.findUnique({ where: { id: data.siteId }, select: { id: true, orgId: true } });
  if (!site) throw notFound("所选网站不存在。");
  const role = await assertCan(actor, "qa.keys.manage", { orgId: site.orgId });
  const key = `tyqa_${randomBytes(32).toString("base64url")}`;
  return getDb().$transaction(async (tx) => {
    const created = await tx.qaApiKey.create({
      data: {
        siteId: site.id,
        name: data.name,
        prefix: key.slice(0, 10),
        digest: digestOfKey(key),
        requestsPerMinute: data.requestsPerMinute,
        createdById: actor!.id,
      },
      select: { id: true, name: true },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.ask.key.create",
      subject: `qakey:${created.id}`,
      // The key never enters the audit record.
      data: { name: data.name, siteId: site.id, requestsPerMinute: data.requestsPerMinute },
      ...context,
    });
    return { ...created, key };
  });
}

export async function revokeQaKey(actor: Principal | null, input: unknown, context: Context = {}) {
  assertHoldsRoleFor(actor, "qa.keys.manage");
  const { keyId } = parseInput(ZKeyId, input);
  return getDb().$transaction(async (tx) => {
    const found = await tx.qaApiKey.findUnique({
      where: { id: keyId },
      include: { site: { select: { orgId: true } } },
    });
    if (!found) throw notFound();
    const role = await assertCan(actor, "qa.keys.manage", { orgId: found.site.orgId }).catch(() => {
      throw notFound();
    });
    if (found.revokedAt) throw conflict("该密钥已停用。");
    const revoked = await tx.qaApiKey.update({
      where: { id: found.id },
      data: { revokedAt: new Date() },
      select: { id: true, name: true },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.ask.key.revoke",
      subject: `qakey:${found.id}`,
      data: { name: found.name, siteId: found.siteId },
      ...context,
    });
    return revoked;
  });
}
