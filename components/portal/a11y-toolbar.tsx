"use client";

import { useEffect, useRef, useSyncExternalStore } from "react";

// 无障碍工具条 as Chinese government sites have it: larger text, high contrast, reading guide
// lines, 简/繁 switch and reset. Settings are remembered per visitor (localStorage) and applied
// to <html>, so the cached page stays the same for everyone.

type Settings = { scale: number; contrast: boolean; guides: boolean; traditional: boolean };
const DEFAULTS: Settings = { scale: 0, contrast: false, guides: false, traditional: false };
const KEY = "tongyuan.a11y";
const MAX_SCALE = 3;

function load(): Settings {
  try {
    return { ...DEFAULTS, ...(JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<Settings>) };
  } catch {
    return DEFAULTS;
  }
}

// The settings are a small external store over localStorage: the server (and hydration) render
// the defaults, the browser then renders what this visitor chose; a change in another tab follows.
const listeners = new Set<() => void>();
let current: Settings | null = null;

function subscribe(listener: () => void) {
  const onStorage = (event: StorageEvent) => {
    if (event.key !== KEY) return;
    current = null;
    listener();
  };
  listeners.add(listener);
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

const snapshot = () => (current ??= load());
const serverSnapshot = () => DEFAULTS;

function save(next: Settings) {
  current = next;
  localStorage.setItem(KEY, JSON.stringify(next));
  for (const listener of listeners) listener();
}

type Converter = { convert: () => void; restore: () => void };
let converter: Promise<Converter> | null = null;

/** Simplified → Traditional through OpenCC's dictionaries (opencc-js), loaded only when asked for. */
function traditionalConverter(): Promise<Converter> {
  converter ??= import("opencc-js/cn2t").then((OpenCC) => {
    const html = OpenCC.HTMLConverter(
      OpenCC.Converter({ from: "cn", to: "tw" }),
      document.documentElement,
      "zh-CN",
      "zh-TW",
    );
    return html as Converter;
  });
  return converter;
}

export function AccessibilityToolbar() {
  const settings = useSyncExternalStore(subscribe, snapshot, serverSnapshot);
  const guide = useRef<HTMLDivElement>(null);
  const converted = useRef(false);

  useEffect(() => {
    const root = document.documentElement;
    root.dataset.a11yScale = String(settings.scale);
    root.toggleAttribute("data-a11y-contrast", settings.contrast);
    root.toggleAttribute("data-a11y-guides", settings.guides);
    if (settings.traditional !== converted.current) {
      converted.current = settings.traditional;
      void traditionalConverter().then((html) => (settings.traditional ? html.convert() : html.restore()));
    }
  }, [settings]);

  useEffect(() => {
    if (!settings.guides) return;
    const move = (event: MouseEvent) => {
      if (guide.current) guide.current.style.transform = `translateY(${event.clientY}px)`;
    };
    window.addEventListener("mousemove", move);
    return () => window.removeEventListener("mousemove", move);
  }, [settings.guides]);

  const update = (change: Partial<Settings>) => save({ ...settings, ...change });
  return (
    <div className="a11y-toolbar" role="toolbar" aria-label="无障碍工具条">
      <div className="container">
        <button
          type="button"
          onClick={() => update({ scale: Math.min(MAX_SCALE, settings.scale + 1) })}
          disabled={settings.scale >= MAX_SCALE}
        >
          放大文字
        </button>
        <button
          type="button"
          onClick={() => update({ scale: Math.max(0, settings.scale - 1) })}
          disabled={settings.scale === 0}
        >
          缩小文字
        </button>
        <button type="button" aria-pressed={settings.contrast} onClick={() => update({ contrast: !settings.contrast })}>
          高对比度
        </button>
        <button type="button" aria-pressed={settings.guides} onClick={() => update({ guides: !settings.guides })}>
          阅读辅助线
        </button>
        <button
          type="button"
          aria-pressed={settings.traditional}
          lang={settings.traditional ? "zh-TW" : "zh-CN"}
          onClick={() => update({ traditional: !settings.traditional })}
        >
          {settings.traditional ? "简体" : "繁體"}
        </button>
        <button type="button" onClick={() => save(DEFAULTS)}>
          重置
        </button>
      </div>
      {settings.guides ? <div ref={guide} className="reading-guide" aria-hidden="true" /> : null}
    </div>
  );
}
