// Portal themes (网站主题), chosen per site by its administrator. Each has one main color and its
// own home-page layout; the colors themselves live in app/globals.css under [data-theme=…].

export type SiteTheme = {
  id: "classic" | "landscape";
  name: string;
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
];

export function siteTheme(id: string): SiteTheme {
  return SITE_THEMES.find((theme) => theme.id === id) ?? SITE_THEMES[0]!;
}
