import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { renderShareCard, shareCardPath, ZFocusParam } from "@/lib/library/share-card";

// The og:image share card is the title image cut around its focal point: a subject at the left
// edge of a wide photo stays in the card.

async function leftRedPhoto() {
  // 2000×500: the left quarter red (the subject), the rest blue.
  const red = await sharp({ create: { width: 500, height: 500, channels: 3, background: "#ff0000" } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 2000, height: 500, channels: 3, background: "#0000ff" } })
    .composite([{ input: red, left: 0, top: 0 }])
    .png()
    .toBuffer();
}

async function pixel(bytes: Buffer, x: number, y: number) {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}

describe("share card", () => {
  it("is 1200×630 and keeps the focal point's side of the photo", async () => {
    const photo = await leftRedPhoto();
    const left = await renderShareCard(photo, { focalX: 0.1, focalY: 0.5 });
    expect(await sharp(left).metadata()).toMatchObject({ width: 1200, height: 630, format: "jpeg" });
    const [r, , b] = await pixel(left, 20, 315);
    expect(r).toBeGreaterThan(200);
    expect(b).toBeLessThan(60);
    const right = await renderShareCard(photo, { focalX: 0.9, focalY: 0.5 });
    const [r2, , b2] = await pixel(right, 20, 315);
    expect(r2).toBeLessThan(60);
    expect(b2).toBeGreaterThan(200);
  });

  it("takes its focal point from the address only in 0–1", () => {
    expect(ZFocusParam.parse("0.25,0.75")).toEqual({ focalX: 0.25, focalY: 0.75 });
    expect(ZFocusParam.parse("1,0")).toEqual({ focalX: 1, focalY: 0 });
    for (const bad of ["2,0", "0.5", "-0.1,0.2", "0.5,0.5,0.5", "NaN,1", "", "0.12345,0.5"]) {
      expect(ZFocusParam.safeParse(bad).success).toBe(false);
    }
    const path = shareCardPath("/api/assets/0b6f1c2e-5a4d-4e3f-9a1b-2c3d4e5f6a7b", { focalX: 0.25, focalY: 0.75 });
    expect(path).toBe("/api/assets/0b6f1c2e-5a4d-4e3f-9a1b-2c3d4e5f6a7b?variant=share&focus=0.25,0.75");
  });
});
