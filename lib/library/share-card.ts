import sharp from "sharp";
import { z } from "zod";
import { focalCrop, type FocalPoint } from "@/lib/library/focal-point";

// The share card of an article (og:image, read by WeChat, Weibo and search engines): its title
// image cut to 1200×630 around the focal point the editor chose, so the subject stays in the
// card whatever the photo's shape. Open Graph has no focal-point tag; the cut is the hint.

export const SHARE_CARD = { width: 1200, height: 630 } as const;

/** `focus=x,y` of a share-card address, each in 0–1. */
export const ZFocusParam = z
  .string()
  .regex(/^(0(\.\d{1,3})?|1(\.0{1,3})?),(0(\.\d{1,3})?|1(\.0{1,3})?)$/)
  .transform((value): FocalPoint => {
    const [focalX, focalY] = value.split(",").map(Number) as [number, number];
    return { focalX, focalY };
  });

/** The address of an image's share card. */
export function shareCardPath(src: string, point: FocalPoint): string {
  return `${src}?variant=share&focus=${point.focalX},${point.focalY}`;
}

/** JPEG bytes of the card: the largest 1200:630 region around the focal point, scaled to size. */
export async function renderShareCard(bytes: Uint8Array, point: FocalPoint): Promise<Buffer> {
  // Applied EXIF orientation first, so the focal point means what the editor saw.
  const { data, info } = await sharp(bytes, { animated: false }).rotate().toBuffer({ resolveWithObject: true });
  const box = focalCrop(info, point, SHARE_CARD.width / SHARE_CARD.height);
  return sharp(data)
    .extract(box)
    .resize({ width: SHARE_CARD.width, height: SHARE_CARD.height, fit: "cover" })
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: 82 })
    .toBuffer();
}
