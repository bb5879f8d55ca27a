import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contrastRatio, shadeOf, SITE_THEMES, siteTheme, themePalette, tintOf } from "@/lib/sites/themes";

// Themes: at least three, one main colour each (网页设计规范), the other colours derived from it,
// every text readable on them (WCAG 2.x AA: 4.5:1 for body text), and app/globals.css in step.

const css = readFileSync(path.resolve(__dirname, "../../app/globals.css"), "utf8");

function cssBlock(themeId: string): Record<string, string> {
  const block = new RegExp(`\\[data-theme="${themeId}"\\]\\s*\\{([^}]*)\\}`).exec(css)?.[1];
  if (!block) throw new Error(`app/globals.css has no [data-theme="${themeId}"] block`);
  return Object.fromEntries(
    [...block.matchAll(/--([a-z-]+):\s*([^;]+);/g)].map((match) => [match[1], match[2]!.trim()]),
  );
}

describe("site themes", () => {
  it("offers at least three themes with distinct ids, names and main colours", () => {
    expect(SITE_THEMES.length).toBeGreaterThanOrEqual(3);
    for (const key of ["id", "name", "mainColor"] as const)
      expect(new Set(SITE_THEMES.map((theme) => theme[key])).size).toBe(SITE_THEMES.length);
    expect(SITE_THEMES.map((theme) => theme.name)).toEqual(expect.arrayContaining(["政务红", "山水青", "政务蓝"]));
  });

  it.each(SITE_THEMES.map((theme) => [theme.name, theme] as const))(
    "%s: white text on the main colour and its shade, and the main colour on the tint, reach 4.5:1",
    (_, theme) => {
      const palette = themePalette(theme);
      expect(contrastRatio("#ffffff", palette.main)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio("#ffffff", palette.mainDark)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(palette.main, palette.accentBg)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(palette.main, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    },
  );

  it.each(SITE_THEMES.map((theme) => [theme.id, theme] as const))(
    "app/globals.css carries the %s palette derived from its main colour",
    (id, theme) => {
      const palette = themePalette(theme);
      expect(cssBlock(id)).toEqual({
        main: palette.main,
        "main-dark": palette.mainDark,
        "accent-bg": palette.accentBg,
      });
    },
  );

  it("computes WCAG contrast and derived shades exactly", () => {
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#ffffff", "#777777")).toBe(contrastRatio("#777777", "#ffffff"));
    expect(shadeOf("#ffffff", 0.5)).toBe("#808080");
    expect(tintOf("#000000", 0.5)).toBe("#808080");
    expect(() => contrastRatio("red", "#fff")).toThrow();
  });

  it("falls back to the first theme for an unknown id", () => {
    expect(siteTheme("azure").name).toBe("政务蓝");
    expect(siteTheme("neon").id).toBe(SITE_THEMES[0]!.id);
  });
});
