import { z } from "zod";
import { getDb, type Tx } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/client";
import { invalid, notFound } from "@/lib/errors";
import { zText } from "@/lib/validation/text";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { getOrgTree } from "@/lib/org/tree";
import { assetUrl, IMAGE_TYPES, recordAsset, type StoredUpload } from "@/lib/library/assets";
import { ASSET_PATH } from "@/lib/library/metadata";

// A 专题 (column kind TOPIC) carries an intro and a banner: an image uploaded by the site
// administrator through the asset store's byte checks, or picked from the images of the site's
// unit and its sections. Other kinds carry neither.

export const TOPIC_INTRO_MAX = 500;

/** What the column form sends for a banner file; the action reads the file's bytes. */
export const ZBannerUpload = z.object({
  fileName: z.string().max(255, "文件名过长"),
  bytes: z.instanceof(Uint8Array),
});

/** Plain text; absent or blank is none (forms of other kinds do not send it). */
export const zTopicIntro = z.preprocess(
  (value) => (value === undefined || (typeof value === "string" && value.trim() === "") ? null : value),
  zText().trim().max(TOPIC_INTRO_MAX, `专题简介不超过 ${TOPIC_INTRO_MAX} 字`).nullable(),
);

export const zBannerSrc = z.preprocess(
  (value) => (value === "" || value === undefined ? null : value),
  z.string().regex(ASSET_PATH, "题图须从图片库选择或上传").nullable(),
);

/** Refuses intro and banner on a column that is not a 专题. */
export function checkTopicFields(
  column: { kind: string; intro: string | null; bannerSrc: string | null; bannerUpload?: unknown },
  context: z.RefinementCtx,
) {
  if (column.kind === "TOPIC") return;
  const message = "只有专题栏目可以设置简介和题图；改为其他类型前请清空。";
  if (column.intro) context.addIssue({ code: "custom", path: ["intro"], message });
  if (column.bannerSrc || column.bannerUpload) context.addIssue({ code: "custom", path: ["bannerSrc"], message });
}

/** The units whose images may be a banner of this site: the site's unit and its sections. */
async function bannerOrgIds(siteOrgId: string): Promise<string[]> {
  return [siteOrgId, ...(await getOrgTree()).descendants(siteOrgId)];
}

/** The images a site administrator may pick as a 专题 banner, newest first. */
export async function listBannerChoices(actor: Principal | null, siteId: string) {
  if (!z.uuid().safeParse(siteId).success) throw notFound();
  const site = await getDb().site.findUnique({ where: { id: siteId }, select: { orgId: true } });
  if (!site) throw notFound();
  await assertCan(actor, "site.manage", { orgId: site.orgId });
  const assets = await getDb().asset.findMany({
    where: { ownerOrgId: { in: await bannerOrgIds(site.orgId) }, mimeType: { in: IMAGE_TYPES } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: { id: true, fileName: true },
  });
  return assets.map((asset) => ({ url: assetUrl(asset), fileName: asset.fileName }));
}

/**
 * The banner address to save: a new upload is recorded as an asset of the site's unit (audited in
 * the same transaction); a picked image must be one of the site's unit or its sections; an
 * unchanged one stays as it is.
 */
export async function resolveBanner(
  tx: Tx,
  input: {
    actor: Principal;
    role: Role;
    orgId: string;
    bannerSrc: string | null;
    current: string | null;
    stored: StoredUpload | null;
  },
  context: Partial<RequestContext>,
): Promise<string | null> {
  const { actor, role, orgId, bannerSrc, current, stored } = input;
  if (stored) return assetUrl(await recordAsset(tx, { actor, role, orgId, stored }, context));
  if (!bannerSrc || bannerSrc === current) return bannerSrc;
  const asset = await tx.asset.findUnique({
    where: { id: bannerSrc.slice("/api/assets/".length) },
    select: { ownerOrgId: true, mimeType: true },
  });
  const refuse = (message: string) => invalid(message, { bannerSrc: [message] });
  if (!asset || !(await bannerOrgIds(orgId)).includes(asset.ownerOrgId))
    throw refuse("题图不在图片库中或无权使用，请重新选择。");
  if (!IMAGE_TYPES.includes(asset.mimeType)) throw refuse("题图须是 JPG、PNG、GIF 或 WebP 图片。");
  return bannerSrc;
}
