import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { invalid } from "@/lib/errors";
import { zText } from "@/lib/validation/text";
import { HTTP_URL_MESSAGE, isHttpUrl } from "@/lib/validation/url";
import { errorReportTemplateProblem } from "@/lib/sites/identity-links";
import { checkSiteImage, SITE_IMAGE_FIELD, SITE_IMAGE_SLOTS, storeSiteImage, type SiteImageSlot } from "./site-images";

// A site's identity as its footer and header show it (issue #24 items 2 and 5): 主办/承办单位,
// contact, the 党政机关网站标识 link, the 我为政府网站找错 template, and the uploaded images. The
// fields are part of the site settings (lib/sites/admin.ts); a field left out keeps its value.

/** Empty text is "none"; a field left out (undefined) is not changed. */
const optionalText = (max: number, message: string) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : value),
    zText().trim().max(max, message).nullable().optional(),
  );

const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()).optional();

const zUpload = z.object({
  fileName: z.string({ message: "文件名无效" }).max(255, "文件名过长"),
  bytes: z.instanceof(Uint8Array, { message: "上传的文件无法读取" }),
});

export const zSiteIdentityFields = {
  organizerName: optionalText(60, "主办单位不超过 60 字"),
  operatorName: optionalText(60, "承办单位不超过 60 字"),
  contactAddress: optionalText(120, "联系地址不超过 120 字"),
  contactEmail: optionalText(120, "电子邮箱过长").refine(
    (value) => !value || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value),
    {
      message: "电子邮箱格式不正确",
    },
  ),
  badgeUrl: optionalText(300, "党政机关网站标识链接过长").refine((value) => !value || isHttpUrl(value), {
    message: `党政机关网站标识链接有误：${HTTP_URL_MESSAGE}`,
  }),
  errorReportUrl: optionalText(500, "找错链接模板过长").superRefine((value, context) => {
    const problem = value ? errorReportTemplateProblem(value) : null;
    if (problem) context.addIssue({ code: "custom", message: problem });
  }),
  removeLogo: checkbox,
  removeBanner: checkbox,
  removeFavicon: checkbox,
  removeBadge: checkbox,
  /** Files chosen in the form; a slot left out keeps its image. */
  images: z
    .object({
      logo: zUpload.optional(),
      banner: zUpload.optional(),
      favicon: zUpload.optional(),
      badge: zUpload.optional(),
    })
    .optional(),
};

type IdentityInput = {
  removeLogo?: boolean;
  removeBanner?: boolean;
  removeFavicon?: boolean;
  removeBadge?: boolean;
  images?: Partial<Record<SiteImageSlot, { fileName: string; bytes: Uint8Array }>>;
};

const REMOVE_FLAG = {
  logo: "removeLogo",
  banner: "removeBanner",
  favicon: "removeFavicon",
  badge: "removeBadge",
} as const satisfies Record<SiteImageSlot, keyof IdentityInput>;

type StoredImage = Awaited<ReturnType<typeof storeSiteImage>>;

/**
 * Checks every chosen image and, when all pass, stores their bytes (store first, then use). A
 * refusal names each failing field and nothing is stored or changed.
 */
export async function storeChosenImages(input: IdentityInput): Promise<Partial<Record<SiteImageSlot, StoredImage>>> {
  const chosen = SITE_IMAGE_SLOTS.flatMap((slot) => {
    const file = input.images?.[slot];
    return file && file.bytes.byteLength > 0 ? [{ slot, file }] : [];
  });
  const checked = await Promise.all(
    chosen.map(async ({ slot, file }) => ({ slot, file, result: await checkSiteImage(slot, file) })),
  );
  const refused = checked.flatMap(({ slot, result }) => ("error" in result ? [{ slot, error: result.error }] : []));
  if (refused.length)
    throw invalid(
      refused.map(({ error }) => error).join("；"),
      Object.fromEntries(refused.map(({ slot, error }) => [slot, [error]])),
    );
  const stored: Partial<Record<SiteImageSlot, StoredImage>> = {};
  for (const { slot, file, result } of checked) {
    if ("mimeType" in result) stored[slot] = await storeSiteImage(file, result.mimeType);
  }
  return stored;
}

/**
 * Writes the asset rows of the stored images (owned by the site's unit) and says what each image
 * field becomes: the new asset, none (removed), or unchanged (left out of the result). A newly
 * chosen file wins over the slot's remove box.
 */
export async function siteImageChanges(
  tx: Tx,
  input: IdentityInput,
  stored: Partial<Record<SiteImageSlot, StoredImage>>,
  owner: { orgId: string; actorId: string },
) {
  const changes: Partial<Record<(typeof SITE_IMAGE_FIELD)[SiteImageSlot], string | null>> = {};
  const uploaded: { slot: SiteImageSlot; assetId: string; fileName: string; size: number; sha256: string }[] = [];
  for (const slot of SITE_IMAGE_SLOTS) {
    const file = stored[slot];
    if (file) {
      const asset = await tx.asset.create({ data: { ownerOrgId: owner.orgId, uploadedById: owner.actorId, ...file } });
      changes[SITE_IMAGE_FIELD[slot]] = asset.id;
      uploaded.push({ slot, assetId: asset.id, fileName: file.fileName, size: file.size, sha256: file.sha256 });
    } else if (input[REMOVE_FLAG[slot]]) {
      changes[SITE_IMAGE_FIELD[slot]] = null;
    }
  }
  return { changes, uploaded };
}
