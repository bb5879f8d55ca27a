// The visitor's accessibility settings: parsed from localStorage, applied to <html> as data
// attributes (app/globals.css styles the modes from them). The same rules run twice: as the
// inline boot script written into every portal page, which applies them while the page is parsed
// (before first paint, so a remembered 适老化 mode never flashes), and from the toolbar when the
// visitor changes them. Both are built from the constants below.

export const STORAGE_KEY = "tongyuan.a11y";
export const MAX_SCALE = 3;

export type Settings = {
  /** 0 (the site's size) to MAX_SCALE steps larger. */
  scale: number;
  contrast: boolean;
  guides: boolean;
  traditional: boolean;
  /** 适老化: larger type and targets, one column, stronger contrast, no motion. */
  elderly: boolean;
  /** 大鼠标 */
  bigCursor: boolean;
  /** 指读: read aloud what the pointer rests on. */
  pointRead: boolean;
};

export const DEFAULT_SETTINGS: Settings = {
  scale: 0,
  contrast: false,
  guides: false,
  traditional: false,
  elderly: false,
  bigCursor: false,
  pointRead: false,
};

/** The on/off settings shown as a present-or-absent attribute on <html>. */
export const FLAG_ATTRIBUTES = {
  contrast: "data-a11y-contrast",
  guides: "data-a11y-guides",
  elderly: "data-a11y-elderly",
  bigCursor: "data-a11y-cursor",
  pointRead: "data-a11y-point-read",
} as const satisfies Partial<Record<keyof Settings, string>>;

export const SCALE_ATTRIBUTE = "data-a11y-scale";
/** Set when scripts run: the toolbar, which needs them, is shown only then. */
export const SCRIPTED_ATTRIBUTE = "data-a11y-js";

const FLAGS = ["contrast", "guides", "traditional", "elderly", "bigCursor", "pointRead"] as const;

/** Whatever is stored (nothing, malformed JSON, another shape) becomes valid settings. */
export function parseSettings(raw: string | null): Settings {
  let value: unknown;
  try {
    value = JSON.parse(raw ?? "{}");
  } catch {
    return DEFAULT_SETTINGS;
  }
  if (!value || typeof value !== "object") return DEFAULT_SETTINGS;
  const stored = value as Record<string, unknown>;
  const scale = stored.scale;
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    scale: typeof scale === "number" && Number.isInteger(scale) && scale >= 0 && scale <= MAX_SCALE ? scale : 0,
  };
  for (const flag of FLAGS) settings[flag] = stored[flag] === true;
  return settings;
}

/** The attributes of <html> for these settings: a value to set, or null to remove. */
export function rootAttributes(settings: Settings): Record<string, string | null> {
  const attributes: Record<string, string | null> = {
    [SCRIPTED_ATTRIBUTE]: "",
    [SCALE_ATTRIBUTE]: String(settings.scale),
  };
  for (const [flag, attribute] of Object.entries(FLAG_ATTRIBUTES))
    attributes[attribute] = settings[flag as keyof typeof FLAG_ATTRIBUTES] ? "" : null;
  return attributes;
}

export function applySettings(root: Element, settings: Settings) {
  for (const [name, value] of Object.entries(rootAttributes(settings))) {
    if (value === null) root.removeAttribute(name);
    else root.setAttribute(name, value);
  }
}

/**
 * The inline script of every portal page (components/portal/a11y/boot-script.tsx): parseSettings
 * and applySettings in plain ES5, so it runs while <body> is parsed, before any bundle loads.
 * Its text never changes with the visitor, so a cached page's CSP hash of it stays valid.
 */
export const BOOT_SCRIPT =
  `(function(){var r=document.documentElement,s={},f=${JSON.stringify(FLAG_ATTRIBUTES)};` +
  `try{s=JSON.parse(localStorage.getItem(${JSON.stringify(STORAGE_KEY)})||"{}")}catch(e){}` +
  `if(!s||typeof s!=="object")s={};var n=s.scale;` +
  `r.setAttribute(${JSON.stringify(SCRIPTED_ATTRIBUTE)},"");` +
  `r.setAttribute(${JSON.stringify(SCALE_ATTRIBUTE)},String(typeof n==="number"&&n%1===0&&n>=0&&n<=${MAX_SCALE}?n:0));` +
  `for(var k in f)if(s[k]===true)r.setAttribute(f[k],"");else r.removeAttribute(f[k])})()`;

/**
 * Whether moving parts (a carousel's rotation, animated scrolling) should stay still: in 适老化
 * mode, or when the visitor's system asks for reduced motion. For portal scripts that move things.
 */
export function isMotionReduced(): boolean {
  if (typeof document === "undefined") return false;
  return (
    document.documentElement.hasAttribute(FLAG_ATTRIBUTES.elderly) ||
    (typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches)
  );
}
