import sharp from "sharp";
import { getDb } from "@/lib/db/client";
import { readBytes } from "@/lib/library/assets";
import { siteTheme, type SiteThemeId } from "@/lib/sites/themes";

// /favicon.ico of every site: the icon its administrator uploaded, else its theme's own mark,
// drawn here (no text, so no font is needed) and packed as a real .ico of 16, 32 and 48 pixels.

const MARKS: Record<SiteThemeId, (main: string) => string> = {
  // A white five-pointed star on the main colour.
  classic: (main) =>
    `<rect width="64" height="64" rx="12" fill="${main}"/>` +
    `<path fill="#fff" d="M32 9l6.5 16.6 17.8 1-13.8 11.3 4.6 17.3L32 45.4l-15.1 9.8 4.6-17.3L7.7 26.6l17.8-1z"/>`,
  // Hills over water.
  landscape: (main) =>
    `<circle cx="32" cy="32" r="32" fill="${main}"/>` +
    `<path fill="#fff" d="M8 42 L22 24 L30 33 L40 18 L56 42 Z"/>` +
    `<path d="M10 50 Q18 46 26 50 T42 50 T56 50" stroke="#fff" stroke-width="4" fill="none"/>`,
  // A hall: roof, four pillars, steps.
  azure: (main) =>
    `<rect width="64" height="64" rx="12" fill="${main}"/>` +
    `<path fill="#fff" d="M32 8 L56 22 H8 Z"/><rect x="10" y="48" width="44" height="6" fill="#fff"/>` +
    `<g fill="#fff"><rect x="13" y="26" width="6" height="20"/><rect x="23" y="26" width="6" height="20"/>` +
    `<rect x="35" y="26" width="6" height="20"/><rect x="45" y="26" width="6" height="20"/></g>`,
};

/** The theme's mark as an SVG document (64×64). */
export function themeMarkSvg(themeId: string): string {
  const theme = siteTheme(themeId);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">${MARKS[theme.id](theme.mainColor)}</svg>`;
}

/** An .ico holding PNG images (ICONDIR, one 16-byte entry each, then the images). */
export function packIco(images: { size: number; png: Uint8Array }[]): Buffer {
  const header = Buffer.alloc(6 + images.length * 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + index * 16;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.byteLength, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.byteLength;
  });
  return Buffer.concat([header, ...images.map(({ png }) => Buffer.from(png))]);
}

const drawn = new Map<string, Promise<Buffer>>();

/** The theme's default favicon, drawn once per process. */
export function themeFavicon(themeId: string): Promise<Buffer> {
  const id = siteTheme(themeId).id;
  let icon = drawn.get(id);
  if (!icon) {
    const svg = Buffer.from(themeMarkSvg(id));
    icon = Promise.all(
      [16, 32, 48].map(async (size) => ({
        size,
        png: await sharp(svg, { density: 72 * (size / 64) * 4 })
          .resize(size, size)
          .png()
          .toBuffer(),
      })),
    ).then(packIco);
    drawn.set(id, icon);
  }
  return icon;
}

/** The site's favicon: the uploaded one, else the theme's. */
export async function siteFavicon(site: { theme: string; faviconAssetId: string | null }) {
  if (site.faviconAssetId) {
    const asset = await getDb().asset.findUnique({
      where: { id: site.faviconAssetId },
      select: { storageKey: true, mimeType: true },
    });
    if (asset) return { bytes: await readBytes(asset.storageKey), contentType: asset.mimeType };
  }
  return { bytes: await themeFavicon(site.theme), contentType: "image/x-icon" };
}
