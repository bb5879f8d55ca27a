import sharp from "sharp";
import { checkUpload, extensionOf, storeCheckedFile } from "@/lib/library/assets";

// The images a site administrator uploads for the site's identity: logo, header banner, favicon
// and the 党政机关网站标识 image. Each is trusted by its bytes (lib/library/assets.ts: magic bytes
// agree with the extension) and then by what it must be to fit its place: type, size, shape.

export const SITE_IMAGE_SLOTS = ["logo", "banner", "favicon", "badge"] as const;
export type SiteImageSlot = (typeof SITE_IMAGE_SLOTS)[number];

/** The Site field holding each slot's asset id. */
export const SITE_IMAGE_FIELD = {
  logo: "logoAssetId",
  banner: "bannerAssetId",
  favicon: "faviconAssetId",
  badge: "badgeAssetId",
} as const satisfies Record<SiteImageSlot, string>;

type SlotRule = {
  label: string;
  /** Extensions and the content types their bytes may show. */
  types: Record<string, string[]>;
  maxBytes: number;
  /** Checks the pixel size; a message when it does not fit. */
  fits: (width: number, height: number) => string | null;
};

const PICTURE_TYPES = { png: ["image/png"], jpg: ["image/jpeg"], jpeg: ["image/jpeg"], webp: ["image/webp"] };
const KB = 1024;

export const SITE_IMAGE_RULES: Record<SiteImageSlot, SlotRule> = {
  logo: {
    label: "网站标志",
    types: { ...PICTURE_TYPES, gif: ["image/gif"] },
    maxBytes: 512 * KB,
    fits: (width, height) =>
      height < 40 || width < 40
        ? "网站标志不小于 40×40 像素"
        : width > 1200 || height > 400
          ? "网站标志不大于 1200×400 像素"
          : null,
  },
  banner: {
    label: "页头横幅",
    types: PICTURE_TYPES,
    maxBytes: 3 * KB * KB,
    fits: (width, height) =>
      width < 960
        ? "页头横幅宽度不小于 960 像素"
        : width < height * 3
          ? "页头横幅须为横向长条（宽度至少为高度的 3 倍）"
          : null,
  },
  favicon: {
    label: "网站图标",
    types: { png: ["image/png"], ico: ["image/x-icon", "image/vnd.microsoft.icon"] },
    maxBytes: 200 * KB,
    fits: (width, height) =>
      width !== height
        ? `网站图标须为正方形（当前 ${width}×${height} 像素）`
        : width < 16 || width > 512
          ? "网站图标边长须在 16 至 512 像素之间"
          : null,
  },
  badge: {
    label: "党政机关网站标识",
    types: { ...PICTURE_TYPES, gif: ["image/gif"] },
    maxBytes: 200 * KB,
    fits: (width, height) =>
      width < 40 || height < 40 || width > 400 || height > 400 ? "标识图片边长须在 40 至 400 像素之间" : null,
  },
};

function typeList(types: Record<string, string[]>): string {
  return [...new Set(Object.keys(types).map((extension) => (extension === "jpeg" ? "jpg" : extension)))]
    .map((extension) => extension.toUpperCase())
    .join("、");
}

function sizeText(bytes: number): string {
  return bytes >= KB * KB ? `${bytes / KB / KB} MB` : `${bytes / KB} KB`;
}

/**
 * The pixel sizes of every image in an .ico file (ICONDIR, then 16-byte entries; 0 means 256), or
 * null when the header does not read as an icon.
 */
export function icoSizes(bytes: Uint8Array): { width: number; height: number }[] | null {
  if (bytes.byteLength < 6) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0, true) !== 0 || view.getUint16(2, true) !== 1) return null;
  const count = view.getUint16(4, true);
  if (count === 0 || bytes.byteLength < 6 + count * 16) return null;
  return Array.from({ length: count }, (_, index) => ({
    width: bytes[6 + index * 16]! || 256,
    height: bytes[7 + index * 16]! || 256,
  }));
}

async function pixelSizes(bytes: Uint8Array, mimeType: string) {
  if (mimeType !== "image/png" && mimeType !== "image/jpeg" && mimeType !== "image/webp" && mimeType !== "image/gif")
    return icoSizes(bytes);
  const info = await sharp(bytes, { animated: false })
    .metadata()
    .catch(() => null);
  return info?.width && info.height ? [{ width: info.width, height: info.height }] : null;
}

/** Whether the file may be the slot's image: a message saying why not, or its checked type. */
export async function checkSiteImage(
  slot: SiteImageSlot,
  file: { fileName: string; bytes: Uint8Array },
): Promise<{ mimeType: string } | { error: string }> {
  const rule = SITE_IMAGE_RULES[slot];
  const extension = extensionOf(file.fileName);
  if (!Object.hasOwn(rule.types, extension))
    return { error: `${rule.label}只能上传 ${typeList(rule.types)} 图片（所选文件为 .${extension || "无扩展名"}）` };
  if (file.bytes.byteLength > rule.maxBytes)
    return {
      error: `${rule.label}不超过 ${sizeText(rule.maxBytes)}（所选文件 ${Math.ceil(file.bytes.byteLength / KB)} KB）`,
    };
  const checked = await checkUpload(file.fileName, file.bytes, rule.maxBytes, rule.types);
  if ("error" in checked) return { error: `${rule.label}：${checked.error}` };
  const sizes = await pixelSizes(file.bytes, checked.mimeType);
  if (!sizes) return { error: `${rule.label}无法读取，可能已损坏` };
  for (const { width, height } of sizes) {
    const problem = rule.fits(width, height);
    if (problem) return { error: problem };
  }
  return checked;
}

/** Stores a checked image's bytes; returns the Asset row's file fields. */
export async function storeSiteImage(file: { fileName: string; bytes: Uint8Array }, mimeType: string) {
  return storeCheckedFile(file.fileName, file.bytes, mimeType);
}
