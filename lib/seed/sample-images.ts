import { createHash } from "node:crypto";
import sharp from "sharp";
import type { Tx } from "@/lib/db/client";
import { getAssetStore } from "@/lib/library/asset-store";
import { assetUrl } from "@/lib/library/assets";

// Pictures for the sample content, drawn in code (no photo, no download): abstract cityscapes and
// landscapes for title images and 专题 banners, and a neutral silhouette for 领导之窗 portraits.
// Each is an SVG made from a seeded random sequence, rasterised to JPEG, and stored like an upload:
// bytes in the asset store under their SHA-256, a thumbnail, and an Asset row.

export type Random = () => number;

/** mulberry32: a small deterministic generator, so every seed draws the same pictures. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (random: Random, low: number, high: number) => low + random() * (high - low);
const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

const SKIES = [
  ["#9fd3f2", "#e8f4fb"],
  ["#f6c59b", "#fbe9d6"],
  ["#7fa7d9", "#d7e6f7"],
  ["#c9a8d8", "#f7dfe6"],
] as const;
const HILLS = [
  ["#8fb59a", "#6f9a80", "#4f7d66"],
  ["#a7b8c9", "#7f94aa", "#5b728a"],
  ["#b6c79a", "#8ea772", "#6a8752"],
] as const;
const BUILDINGS = ["#5b6f86", "#6c7f95", "#4a5d73", "#7b8aa0", "#56697d"] as const;

function skyGradient(random: Random): { defs: string; fill: string; sky: readonly string[] } {
  const sky = pick(random, SKIES);
  return {
    sky,
    defs: `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky[0]}"/><stop offset="1" stop-color="${sky[1]}"/></linearGradient>`,
    fill: "url(#sky)",
  };
}

function ridge(random: Random, width: number, base: number, amplitude: number, colour: string, height: number) {
  const points: string[] = [`0,${height}`];
  const steps = 8 + Math.floor(random() * 6);
  for (let step = 0; step <= steps; step++) {
    const x = (width / steps) * step;
    points.push(`${x.toFixed(0)},${(base - between(random, 0, amplitude)).toFixed(0)}`);
  }
  points.push(`${width},${height}`);
  return `<polygon points="${points.join(" ")}" fill="${colour}"/>`;
}

function sun(random: Random, width: number, height: number): string {
  const x = between(random, width * 0.15, width * 0.85);
  const y = between(random, height * 0.12, height * 0.3);
  return `<circle cx="${x.toFixed(0)}" cy="${y.toFixed(0)}" r="${(height * 0.07).toFixed(0)}" fill="#fff6d8" opacity="0.9"/>`;
}

function clouds(random: Random, width: number, height: number): string {
  let shapes = "";
  for (let index = 0; index < 3; index++) {
    const x = between(random, 0, width);
    const y = between(random, height * 0.08, height * 0.35);
    const rx = between(random, width * 0.06, width * 0.12);
    shapes += `<ellipse cx="${x.toFixed(0)}" cy="${y.toFixed(0)}" rx="${rx.toFixed(0)}" ry="${(rx / 4).toFixed(0)}" fill="#ffffff" opacity="0.7"/>`;
  }
  return shapes;
}

function skyline(random: Random, width: number, height: number, ground: number): string {
  let shapes = "";
  let x = -10;
  while (x < width) {
    const w = between(random, width * 0.03, width * 0.08);
    const h = between(random, height * 0.15, height * 0.5);
    const colour = pick(random, BUILDINGS);
    shapes += `<rect x="${x.toFixed(0)}" y="${(ground - h).toFixed(0)}" width="${w.toFixed(0)}" height="${h.toFixed(0)}" fill="${colour}"/>`;
    // Lit windows, a few rows of them.
    for (let wy = ground - h + 8; wy < ground - 10; wy += 14) {
      for (let wx = x + 5; wx < x + w - 6; wx += 10) {
        if (random() < 0.35)
          shapes += `<rect x="${wx.toFixed(0)}" y="${wy.toFixed(0)}" width="4" height="6" fill="#f3e7b3" opacity="0.8"/>`;
      }
    }
    x += w + between(random, 0, width * 0.01);
  }
  return shapes;
}

function water(random: Random, width: number, height: number, top: number, colour: string): string {
  let shapes = `<rect x="0" y="${top}" width="${width}" height="${height - top}" fill="${colour}"/>`;
  // Ripples: short strokes of light, scattered.
  for (let y = top + 8; y < height; y += 10) {
    for (let stroke = 0; stroke < 3; stroke++) {
      const x = between(random, 0, width * 0.9);
      const length = between(random, width * 0.04, width * 0.18);
      shapes += `<rect x="${x.toFixed(0)}" y="${y}" width="${length.toFixed(0)}" height="1.5" fill="#ffffff" opacity="0.3"/>`;
    }
  }
  return shapes;
}

/** An abstract city by a river: sky, hills, a skyline with lit windows, water. */
export function cityscapeSvg(seed: number, width: number, height: number): string {
  const random = createRandom(seed);
  const sky = skyGradient(random);
  const hills = pick(random, HILLS);
  const ground = height * between(random, 0.68, 0.76);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<defs>${sky.defs}</defs><rect width="${width}" height="${height}" fill="${sky.fill}"/>`,
    sun(random, width, height),
    clouds(random, width, height),
    ridge(random, width, ground - height * 0.2, height * 0.15, hills[0], height),
    skyline(random, width, height, ground),
    water(random, width, height, Math.round(ground), "#6f93ad"),
    "</svg>",
  ].join("");
}

/** Layered mountains over a lake, with a few trees. */
export function landscapeSvg(seed: number, width: number, height: number): string {
  const random = createRandom(seed);
  const sky = skyGradient(random);
  const hills = pick(random, HILLS);
  const lake = height * between(random, 0.74, 0.82);
  let trees = "";
  for (let index = 0; index < 7; index++) {
    const x = between(random, 0, width);
    const size = between(random, height * 0.05, height * 0.1);
    trees += `<polygon points="${x.toFixed(0)},${(lake - size * 2).toFixed(0)} ${(x - size / 2).toFixed(0)},${lake.toFixed(0)} ${(x + size / 2).toFixed(0)},${lake.toFixed(0)}" fill="#3f6b52"/>`;
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<defs>${sky.defs}</defs><rect width="${width}" height="${height}" fill="${sky.fill}"/>`,
    sun(random, width, height),
    clouds(random, width, height),
    ridge(random, width, height * 0.45, height * 0.2, hills[0], height),
    ridge(random, width, height * 0.6, height * 0.18, hills[1], height),
    ridge(random, width, lake - height * 0.02, height * 0.12, hills[2], height),
    trees,
    water(random, width, height, Math.round(lake), "#7fa6bd"),
    "</svg>",
  ].join("");
}

/** A neutral head-and-shoulders silhouette: the placeholder portrait of a sample leader. */
export function portraitSvg(seed: number, width: number, height: number): string {
  const random = createRandom(seed);
  const background = pick(random, ["#dfe7ef", "#e6e2da", "#dde6df", "#e4e0ea"]);
  const figure = pick(random, ["#8a96a3", "#7f8c99", "#949ca6"]);
  const cx = width / 2;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="${background}"/>`,
    `<circle cx="${cx}" cy="${height * 0.36}" r="${width * 0.2}" fill="${figure}"/>`,
    `<path d="M ${width * 0.1} ${height} C ${width * 0.12} ${height * 0.68}, ${width * 0.3} ${height * 0.6}, ${cx} ${height * 0.6} C ${width * 0.7} ${height * 0.6}, ${width * 0.88} ${height * 0.68}, ${width * 0.9} ${height} Z" fill="${figure}"/>`,
    `<polygon points="${cx - width * 0.07},${height * 0.6} ${cx},${height * 0.78} ${cx + width * 0.07},${height * 0.6}" fill="${background}" opacity="0.85"/>`,
    "</svg>",
  ].join("");
}

export type SampleImage = { src: string; width: number; height: number };

/** Rasterises an SVG to JPEG and stores it as the unit's asset, with the thumbnail uploads get. */
export async function storeSampleImage(
  tx: Tx,
  input: { svg: string; fileName: string; ownerOrgId: string; uploadedById: string; at: Date },
): Promise<SampleImage> {
  const image = sharp(Buffer.from(input.svg));
  const bytes = await image.clone().jpeg({ quality: 82 }).toBuffer();
  const info = await sharp(bytes).metadata();
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const storageKey = `${sha256}.jpg`;
  const thumbnailKey = `${sha256}.thumb.webp`;
  const store = getAssetStore();
  await store.put(
    thumbnailKey,
    await sharp(bytes).resize({ width: 320, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer(),
    "image/webp",
  );
  await store.put(storageKey, bytes, "image/jpeg");
  const asset = await tx.asset.create({
    data: {
      ownerOrgId: input.ownerOrgId,
      uploadedById: input.uploadedById,
      fileName: input.fileName,
      mimeType: "image/jpeg",
      size: bytes.byteLength,
      sha256,
      storageKey,
      width: info.width ?? null,
      height: info.height ?? null,
      thumbnailKey,
      createdAt: input.at,
    },
  });
  return { src: assetUrl(asset), width: info.width ?? 0, height: info.height ?? 0 };
}
