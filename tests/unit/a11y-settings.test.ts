import { runInNewContext } from "node:vm";
import { Window } from "happy-dom";
import { describe, expect, it, vi } from "vitest";
import {
  BOOT_SCRIPT,
  DEFAULT_SETTINGS,
  STORAGE_KEY,
  applySettings,
  isMotionReduced,
  parseSettings,
  rootAttributes,
} from "@/components/portal/a11y/settings";

// The visitor's accessibility settings (issue #24 item 7): whatever localStorage holds becomes valid
// settings, and the inline boot script applies exactly what the toolbar applies.

const STORED = [
  null,
  "",
  "not json",
  "null",
  "42",
  '"elderly"',
  "[]",
  "{}",
  '{"scale":2,"contrast":true}',
  '{"scale":3,"elderly":true,"bigCursor":true,"pointRead":true,"guides":true,"traditional":true}',
  '{"scale":4,"elderly":"yes","contrast":1}',
  '{"scale":-1,"pointRead":false}',
  '{"scale":1.5,"bigCursor":true}',
  '{"scale":"2","elderly":true}',
  '{"scale":0,"elderly":true,"unknown":true}',
];

function attributesOf(element: { getAttributeNames(): string[]; getAttribute(name: string): string | null }) {
  return Object.fromEntries(
    element
      .getAttributeNames()
      .filter((name) => name.startsWith("data-a11y"))
      .sort()
      .map((name) => [name, element.getAttribute(name)]),
  );
}

/** The boot script run against a fresh document whose localStorage holds `raw`. */
function boot(raw: string | null, before?: (root: Element) => void) {
  const window = new Window();
  if (raw !== null) window.localStorage.setItem(STORAGE_KEY, raw);
  const root = window.document.documentElement as unknown as Element;
  before?.(root);
  runInNewContext(BOOT_SCRIPT, { document: window.document, localStorage: window.localStorage, String, JSON });
  return attributesOf(root);
}

function expected(raw: string | null) {
  const settings = parseSettings(raw);
  return Object.fromEntries(
    Object.entries(rootAttributes(settings))
      .filter(([, value]) => value !== null)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

describe("parseSettings", () => {
  it("keeps what a visitor chose", () => {
    expect(parseSettings('{"scale":2,"elderly":true,"pointRead":true}')).toEqual({
      ...DEFAULT_SETTINGS,
      scale: 2,
      elderly: true,
      pointRead: true,
    });
  });

  it("turns anything malformed into the defaults, field by field", () => {
    for (const raw of [null, "", "not json", "null", "42", "[]", '"x"'])
      expect(parseSettings(raw)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('{"scale":4,"elderly":"yes","contrast":1}')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('{"scale":1.5,"bigCursor":true}')).toEqual({ ...DEFAULT_SETTINGS, bigCursor: true });
    expect(parseSettings('{"scale":"2"}').scale).toBe(0);
    expect(parseSettings('{"unknown":true}')).not.toHaveProperty("unknown");
  });
});

describe("rootAttributes", () => {
  it("marks each mode that is on, and always the scale and that scripts run", () => {
    expect(rootAttributes({ ...DEFAULT_SETTINGS, scale: 1, elderly: true, bigCursor: true })).toEqual({
      "data-a11y-js": "",
      "data-a11y-scale": "1",
      "data-a11y-contrast": null,
      "data-a11y-guides": null,
      "data-a11y-elderly": "",
      "data-a11y-cursor": "",
      "data-a11y-point-read": null,
    });
  });
});

describe("the boot script", () => {
  it("applies exactly what the toolbar applies, for every stored value", () => {
    for (const raw of STORED) expect(boot(raw), String(raw)).toEqual(expected(raw));
  });

  it("clears a mode the stored settings no longer have, like applySettings", () => {
    const stale = (root: Element) => applySettings(root, { ...DEFAULT_SETTINGS, elderly: true, contrast: true });
    expect(boot('{"scale":1}', stale)).toEqual(expected('{"scale":1}'));
  });

  it("survives a browser that refuses storage", () => {
    const window = new Window();
    const root = window.document.documentElement;
    const refusing = {
      getItem() {
        throw new Error("SecurityError");
      },
    };
    runInNewContext(BOOT_SCRIPT, { document: window.document, localStorage: refusing, String, JSON });
    expect(attributesOf(root)).toEqual(expected(null));
  });

  it("is one plain expression that cannot end its own <script> element", () => {
    expect(BOOT_SCRIPT).not.toMatch(/<\/script/i);
    expect(BOOT_SCRIPT).not.toMatch(/=>|\blet\b|\bconst\b/);
  });
});

describe("isMotionReduced", () => {
  it("holds in 适老化 mode and when the system asks for reduced motion", () => {
    const window = new Window();
    vi.stubGlobal("document", window.document);
    let reduced = false;
    vi.stubGlobal("matchMedia", () => ({ matches: reduced }));
    try {
      expect(isMotionReduced()).toBe(false);
      reduced = true;
      expect(isMotionReduced()).toBe(true);
      reduced = false;
      applySettings(window.document.documentElement as unknown as Element, { ...DEFAULT_SETTINGS, elderly: true });
      expect(isMotionReduced()).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
