import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/client";
import { invalid } from "@/lib/errors";
import type { Principal } from "@/lib/auth/permissions";
import { assetUrl, IMAGE_TYPES, recordAsset, type StoredUpload } from "@/lib/library/assets";
import { visibleOrgIds } from "@/lib/library/browse";
import { ASSET_PATH } from "@/lib/library/metadata";
import type { RequestContext } from "@/lib/auth/authenticate";

// A 专题 (column kind TOPIC) carries an intro and a banner: an image uploaded by the site
// administrator through the asset store's byte checks, or picked from the images of the units
// they may see. Other kinds carry neither.

export const TOPIC_INTRO_MAX = 500;

/** What the column form sends for a banner file; the action reads the file's bytes. */
export const ZBannerUpload = z.object({
  fileName: z.string().max(255, "文件名过长"),
  bytes: z.instanceof(Uint8Array),
});

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

/**
 * The banner address to save: a new upload is recorded as an asset of the site's unit (audited in
 * the same transaction); a picked image must be one the administrator may see; an unchanged one
 * stays as it is.
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
  if (!asset || !(await visibleOrgIds(actor)).includes(asset.ownerOrgId))
    throw refuse("题图不在图片库中或无权使用，请重新选择。");
  if (!IMAGE_TYPES.includes(asset.mimeType)) throw refuse("题图须是 JPG、PNG、GIF 或 WebP 图片。");
  return bannerSrc;
}
