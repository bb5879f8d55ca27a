// The settings as a small external store over localStorage: the server (and hydration) render the
// defaults, the browser then renders what this visitor chose; a change in another tab follows.
// <html> is updated here, on every change, never from a render: the boot script has already
// applied the stored settings before hydration, and a render with the server's defaults must not
// undo them.

import { DEFAULT_SETTINGS, STORAGE_KEY, applySettings, parseSettings, type Settings } from "./settings";

const listeners = new Set<() => void>();
let current: Settings | null = null;

function load(): Settings {
  try {
    return parseSettings(localStorage.getItem(STORAGE_KEY));
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function subscribeSettings(listener: () => void) {
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    current = load();
    applySettings(document.documentElement, current);
    listener();
  };
  listeners.add(listener);
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

export const settingsSnapshot = () => (current ??= load());
export const serverSettingsSnapshot = () => DEFAULT_SETTINGS;

export function saveSettings(next: Settings) {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Storage refused (private mode, quota): the settings still hold for this page.
  }
  applySettings(document.documentElement, next);
  for (const listener of listeners) listener();
}
