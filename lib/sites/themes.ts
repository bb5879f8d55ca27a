// Portal themes (网站主题), chosen per site by its administrator. Each has one main colour (网页设计规范:
// one main colour per site); the darker shade of the navigation and the light tint behind panels
// derive from it, and app/globals.css carries the three under [data-theme=…] (a unit test keeps
// the two in step and checks the contrast of every text on them).

export type SiteThemeId = "classic" | "landscape" | "azure";

export type SiteTheme = {
  id: SiteThemeId;
  name: string;
  /** White text sits on it (header, buttons): contrast at least 4.5:1. */
  mainColor: string;
  /** How the home page is laid out: "portal" (headline + three columns), "feature" (banner + two columns). */
  homeLayout: "portal" | "feature";
  description: string;
};

export const SITE_THEMES: readonly SiteTheme[] = [
  {
    id: "classic",
    name: "政务红",
    mainColor: "#a8201a",
    homeLayout: "portal",
    description: "红色主调；首页头条加三栏信息块，适合区县政府门户",
  },
  {
    id: "landscape",
    name: "山水青",
    mainColor: "#0b6154",
    homeLayout: "feature",
    description: "青绿主调；首页通栏要闻加两栏，适合部门网站",
  },
  {
    id: "azure",
    name: "政务蓝",
    mainColor: "#1a5291",
    homeLayout: "portal",
    description: "蓝色主调；首页头条加三栏信息块，适合政府部门和开发区网站",
  },
];

export function siteTheme(id: string): SiteTheme {
  return SITE_THEMES.find((theme) => theme.id === id) ?? SITE_THEMES[0]!;
}

function channels(hex: string): [number, number, number] {
  const value = /^#([0-9a-f]{6})$/i.exec(hex)?.[1];
  if (!value) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [0, 2, 4].map((at) => parseInt(value.slice(at, at + 2), 16)) as [number, number, number];
}

function toHex(rgb: number[]): string {
  return `#${rgb
    .map((channel) =>
      Math.round(Math.min(255, Math.max(0, channel)))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** The main colour mixed toward black (share 0–1): the navigation bar and hover shade. */
export function shadeOf(hex: string, share = 0.25): string {
  return toHex(channels(hex).map((channel) => channel * (1 - share)));
}

/** The main colour mixed toward white (share 0–1): the tint behind highlighted panels. */
export function tintOf(hex: string, share = 0.94): string {
  return toHex(channels(hex).map((channel) => channel + (255 - channel) * share));
}

/** The colours a theme's pages use, all from its one main colour. */
export function themePalette(theme: SiteTheme) {
  return { main: theme.mainColor, mainDark: shadeOf(theme.mainColor), accentBg: tintOf(theme.mainColor) };
}

/** WCAG 2.x relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.x contrast ratio of two colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
