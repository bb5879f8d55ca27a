import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { isLinkTarget, LINK_TARGET_MESSAGE } from "@/lib/validation/url";
import { getDb, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, invalid, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { announcePortalChange } from "@/lib/cache/portal-purge";
import { emit } from "@/lib/events/bus";
import { cacheTag } from "@/lib/cache/render-scope";
import { SITE_THEMES } from "@/lib/sites/themes";
import { siteImageChanges, storeChosenImages, zSiteIdentityFields } from "@/lib/sites/site-identity";
import { storeUpload } from "@/lib/library/assets";
import { checkTopicFields, resolveBanner, zTopicIntro, ZBannerUpload, zBannerSrc } from "@/lib/sites/topic-settings";

// Sites and their column trees, kept by the site administrator of the host unit (主办单位). A
// site holds no content (DESIGN invariant 1): only its identity, theme, host names and columns.
// Every change refreshes all of that site's cached pages.

type Context = Partial<RequestContext>;

const optionalText = (max: number, message: string) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : value),
    zText().trim().max(max, message).nullable(),
  );

const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

export const ZSiteSettings = z.object({
  siteId: z.uuid(),
  name: zText().trim().min(2, "网站名称至少 2 个字").max(60, "网站名称不超过 60 字"),
  siteCode: zText()
    .trim()
    .regex(/^[0-9A-Za-z]{10}$/, "网站标识码为 10 位数字或字母"),
  icpNumber: optionalText(40, "ICP备案号过长"),
  psbNumber: optionalText(60, "公安备案号过长"),
  contact: optionalText(200, "联系电话不超过 200 字"),
  theme: z.enum(SITE_THEMES.map((theme) => theme.id) as [string, ...string[]], { message: "请选择网站主题" }),
  hosts: z
    .string()
    .transform((text) => [
      ...new Set(
        text
          .split(/[\s,，]+/)
          .map((host) => host.trim().toLowerCase())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(zText().regex(HOST, "域名格式不正确（只填域名，不带 http:// 和路径）"))
        .min(1, "至少填写一个域名")
        .max(20, "域名不超过 20 个"),
    ),
  ...zSiteIdentityFields,
});

const COLUMN_KINDS = [
  "LIST",
  "PAGE",
  "LINK",
  "POLICY_LIBRARY",
  "DISCLOSURE",
  "INTERACTION",
  "SEARCH",
  "TOPIC",
] as const;

export const ZColumn = z
  .object({
    siteId: z.uuid(),
    columnId: z.preprocess((value) => (value === "" ? undefined : value), z.uuid().optional()),
    parentId: z.preprocess((value) => (value === "" ? null : value), z.uuid().nullable()),
    name: zText().trim().min(2, "栏目名称至少 2 个字").max(30, "栏目名称不超过 30 字"),
    slug: zText()
      .trim()
      .regex(/^[a-z0-9-]{1,64}$/, "栏目路径只能用小写字母、数字和连字符"),
    kind: z.enum(COLUMN_KINDS, { message: "请选择栏目类型" }),
    linkUrl: optionalText(500, "链接过长"),
    // 专题 only (lib/sites/topic-settings.ts): plain text, and the banner picked or uploaded.
    intro: zTopicIntro,
    bannerSrc: zBannerSrc,
    bannerUpload: ZBannerUpload.optional(),
    position: z.coerce
      .number({ message: "排序须为数字" })
      .int("排序须为整数")
      .min(0, "排序不能小于 0")
      .max(999, "排序不超过 999"),
    /** 主导航: "false" keeps a footer page (关于本站 …) out of the navigation and home blocks; absent keeps it as it is. */
    nav: z
      .enum(["true", "false"], { message: "请选择是否在主导航显示" })
      .optional()
      .transform((value) => (value === undefined ? undefined : value === "true")),
  })
  .superRefine((column, context) => {
    if ((column.kind === "LINK" || column.linkUrl) && !(column.linkUrl && isLinkTarget(column.linkUrl))) {
      context.addIssue({ code: "custom", path: ["linkUrl"], message: `链接栏目的地址有误：${LINK_TARGET_MESSAGE}` });
    }
    checkTopicFields(column, context);
  });

async function loadManagedSite(actor: Principal | null, siteId: string) {
  if (!z.uuid().safeParse(siteId).success) throw notFound();
  const site = await getDb().site.findUnique({
    where: { id: siteId },
    include: { hosts: { orderBy: { host: "asc" } }, org: { select: { name: true } } },
  });
  if (!site) throw notFound();
  const role = await assertCan(actor, "site.manage", { orgId: site.orgId });
  return { site, role };
}

/** Sites this person administers. */
export async function listManagedSites(actor: Principal | null) {
  const sites = await getDb().site.findMany({
    orderBy: { position: "asc" },
    include: {
      hosts: { orderBy: { host: "asc" } },
      org: { select: { name: true } },
      _count: { select: { columns: true } },
    },
  });
  const can = await createPermissionChecker(actor);
  return sites.filter((site) => can("site.manage", { orgId: site.orgId }));
}

export async function getSiteForAdmin(actor: Principal | null, siteId: string) {
  const { site } = await loadManagedSite(actor, siteId);
  const columns = await getDb().column.findMany({
    where: { siteId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    include: { _count: { select: { placements: true, children: true } } },
  });
  return { site, columns };
}

async function announceSite(tx: Tx, siteId: string) {
  await announcePortalChange(tx, [cacheTag.site(siteId)]);
  // Link columns are the site's service entries (办事入口): search rewrites them (lib/subscribers.ts).
  await emit("site.changed", { tx, siteId });
}

export async function updateSiteSettings(actor: Principal | null, input: unknown, context: Context = {}) {
  const parsed = parseInput(ZSiteSettings, input);
  const { siteId, hosts, images, removeLogo, removeBanner, removeFavicon, removeBadge, ...settings } = parsed;
  const { site, role } = await loadManagedSite(actor, siteId);
  const stored = await storeChosenImages(parsed);
  return getDb().$transaction(async (tx) => {
    const taken = await tx.siteHost.findMany({
      where: { host: { in: hosts }, siteId: { not: siteId } },
      include: { site: { select: { name: true } } },
    });
    if (taken[0])
      throw invalid(`域名 ${taken[0].host} 已由“${taken[0].site.name}”使用。`, {
        hosts: [`${taken[0].host} 已被占用`],
      });
    const codeOwner = await tx.site.findFirst({
      where: { siteCode: settings.siteCode, id: { not: siteId } },
      select: { name: true },
    });
    if (codeOwner)
      throw invalid(`网站标识码 ${settings.siteCode} 已由“${codeOwner.name}”使用。`, { siteCode: ["标识码重复"] });
    await tx.siteHost.deleteMany({ where: { siteId, host: { notIn: hosts } } });
    await tx.siteHost.createMany({ data: hosts.map((host) => ({ siteId, host })), skipDuplicates: true });
    const { changes, uploaded } = await siteImageChanges(tx, parsed, stored, { orgId: site.orgId, actorId: actor!.id });
    const updated = await tx.site.update({ where: { id: siteId }, data: { ...settings, ...changes } });
    await announceSite(tx, siteId);
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "site.update",
      subject: `site:${siteId}`,
      data: {
        before: {
          name: site.name,
          siteCode: site.siteCode,
          icpNumber: site.icpNumber,
          psbNumber: site.psbNumber,
          contact: site.contact,
          theme: site.theme,
          hosts: site.hosts.map((host) => host.host),
          organizerName: site.organizerName,
          operatorName: site.operatorName,
          contactAddress: site.contactAddress,
          contactEmail: site.contactEmail,
          badgeUrl: site.badgeUrl,
          errorReportUrl: site.errorReportUrl,
          logoAssetId: site.logoAssetId,
          bannerAssetId: site.bannerAssetId,
          faviconAssetId: site.faviconAssetId,
          badgeAssetId: site.badgeAssetId,
        },
        after: { ...settings, ...changes, hosts },
        uploaded,
      },
      ...context,
    });
    return updated;
  });
}

export async function saveColumn(actor: Principal | null, input: unknown, context: Context = {}) {
  const { siteId, columnId, bannerUpload, ...data } = parseInput(ZColumn, input);
  const { site, role } = await loadManagedSite(actor, siteId);
  // The bytes go to the content-addressed store first; the asset row is written with the column.
  const stored = bannerUpload ? await storeUpload(bannerUpload, { imagesOnly: true, field: "bannerFile" }) : null;
  return getDb().$transaction(async (tx) => {
    const columns = await tx.column.findMany({
      where: { siteId },
      select: { id: true, parentId: true, slug: true, bannerSrc: true },
    });
    const existing = columnId ? columns.find((column) => column.id === columnId) : undefined;
    if (columnId && !existing) throw notFound();
    if (data.parentId) {
      if (!columns.some((column) => column.id === data.parentId))
        throw invalid("上级栏目不属于本网站。", { parentId: ["上级栏目无效"] });
      // The new parent may not be the column itself or one of its descendants.
      for (
        let at: string | null = data.parentId;
        at;
        at = columns.find((column) => column.id === at)?.parentId ?? null
      ) {
        if (at === columnId) throw invalid("不能把栏目移到它自己或它的下级栏目之下。", { parentId: ["上级栏目无效"] });
      }
    }
    if (columns.some((column) => column.slug === data.slug && column.id !== columnId)) {
      throw invalid(`本网站已有路径为“${data.slug}”的栏目。`, { slug: ["路径重复"] });
    }
    data.bannerSrc = await resolveBanner(
      tx,
      {
        actor: actor!,
        role,
        orgId: site.orgId,
        bannerSrc: data.bannerSrc,
        current: existing?.bannerSrc ?? null,
        stored,
      },
      context,
    );
    const saved = columnId
      ? await tx.column.update({ where: { id: columnId }, data })
      : await tx.column.create({ data: { siteId, ...data } });
    await announceSite(tx, siteId);
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: columnId ? "column.update" : "column.create",
      subject: `site:${siteId}`,
      data: { columnId: saved.id, ...data },
      ...context,
    });
    return saved;
  });
}

/** Only an empty column goes: no sub-columns and nothing placed in it (move those first). */
export async function deleteColumn(actor: Principal | null, input: unknown, context: Context = {}) {
  const parsed = z.object({ siteId: z.uuid(), columnId: z.uuid() }).safeParse(input);
  if (!parsed.success) throw notFound();
  const { role } = await loadManagedSite(actor, parsed.data.siteId);
  return getDb().$transaction(async (tx) => {
    const column = await tx.column.findFirst({
      where: { id: parsed.data.columnId, siteId: parsed.data.siteId },
      include: { _count: { select: { placements: true, children: true } } },
    });
    if (!column) throw notFound();
    if (column._count.children > 0) throw conflict(`“${column.name}”还有下级栏目，请先删除或移走下级栏目。`);
    if (column._count.placements > 0)
      throw conflict(`“${column.name}”中还有 ${column._count.placements} 篇稿件，请先调整这些稿件的发布栏目。`);
    await tx.column.delete({ where: { id: column.id } });
    await announceSite(tx, column.siteId);
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "column.delete",
      subject: `site:${column.siteId}`,
      data: { columnId: column.id, name: column.name, slug: column.slug },
      ...context,
    });
    return column;
  });
}
