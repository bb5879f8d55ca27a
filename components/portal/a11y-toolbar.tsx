"use client";

import { useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from "react";
import type { messages } from "@/lib/i18n/zh-CN";
import { ToolIcon, type IconName } from "./a11y/icons";
import { startPointReading } from "./a11y/point-read";
import { mainText, selectedText } from "./a11y/read-text";
import { DEFAULT_SETTINGS, MAX_SCALE, type Settings } from "./a11y/settings";
import {
  isSpeechSupported,
  pauseSpeech,
  resumeSpeech,
  serverSpeechStatus,
  speak,
  speechStatus,
  stopSpeech,
  subscribeSpeech,
} from "./a11y/speech";
import { saveSettings, serverSettingsSnapshot, settingsSnapshot, subscribeSettings } from "./a11y/store";

// 无障碍工具条 as Chinese government sites have it: 适老化 mode, 语音朗读 (the selection or the
// page), larger text, high contrast, reading guide lines, 大鼠标, 指读, 简/繁 switch and reset.
// Settings are remembered per visitor (localStorage) and applied to <html> (by the boot script
// before first paint, then by the store), so the cached page stays the same for everyone. On a
// phone the first tools stay on one row as icons and the rest open under 更多.

export type A11yLabels = (typeof messages)["a11y"];

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

function ToolButton({
  icon,
  label,
  pressed,
  disabled,
  title,
  onClick,
  onPointerDown,
  lang,
}: {
  icon: IconName;
  label: ReactNode;
  pressed?: boolean;
  disabled?: boolean;
  title?: string;
  onClick: () => void;
  onPointerDown?: () => void;
  lang?: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      disabled={disabled}
      title={title}
      lang={lang}
      onClick={onClick}
      onPointerDown={onPointerDown}
    >
      <ToolIcon name={icon} />
      <span className="a11y-label">{label}</span>
    </button>
  );
}

/** Left/Right/Home/End move between the toolbar's visible buttons (Tab still reaches each one). */
function moveFocus(event: KeyboardEvent<HTMLElement>) {
  const keys = ["ArrowLeft", "ArrowRight", "Home", "End"];
  if (!keys.includes(event.key)) return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>("button")].filter(
    (button) => !button.disabled && button.getClientRects().length > 0,
  );
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  event.preventDefault();
  const next =
    event.key === "Home"
      ? 0
      : event.key === "End"
        ? buttons.length - 1
        : (at + (event.key === "ArrowRight" ? 1 : -1) + buttons.length) % buttons.length;
  buttons[next]?.focus();
}

export function AccessibilityToolbar({ labels: t }: { labels: A11yLabels }) {
  const settings = useSyncExternalStore(subscribeSettings, settingsSnapshot, serverSettingsSnapshot);
  const status = useSyncExternalStore(subscribeSpeech, speechStatus, serverSpeechStatus);
  const [moreOpen, setMoreOpen] = useState(false);
  const [notice, setNotice] = useState("");
  const bar = useRef<HTMLDivElement>(null);
  const moreToggle = useRef<HTMLButtonElement>(null);
  const guide = useRef<HTMLDivElement>(null);
  const converted = useRef(false);
  const selection = useRef("");

  useEffect(() => {
    if (settings.traditional === converted.current) return;
    converted.current = settings.traditional;
    void traditionalConverter().then((html) => (settings.traditional ? html.convert() : html.restore()));
  }, [settings.traditional]);

  useEffect(() => {
    if (!settings.guides) return;
    const move = (event: MouseEvent) => {
      if (guide.current) guide.current.style.transform = `translateY(${event.clientY}px)`;
    };
    window.addEventListener("mousemove", move);
    return () => window.removeEventListener("mousemove", move);
  }, [settings.guides]);

  useEffect(() => {
    if (!settings.pointRead) return;
    const page = bar.current?.closest(".portal") ?? document.body;
    return startPointReading(page);
  }, [settings.pointRead]);

  // Chrome loads its voices asynchronously: asking early makes a Chinese voice choosable at once.
  useEffect(() => {
    if (isSpeechSupported()) window.speechSynthesis.getVoices();
    return () => stopSpeech();
  }, []);

  const update = (change: Partial<Settings>) => {
    setNotice("");
    saveSettings({ ...settings, ...change });
  };

  const read = () => {
    const text =
      selection.current || selectedText(bar.current) || mainText(document.getElementById("main") ?? document.body);
    selection.current = "";
    if (!text) return setNotice(t.nothingToRead);
    setNotice("");
    speak(text);
  };

  const togglePointRead = () => {
    const on = !settings.pointRead;
    if (!on) stopSpeech();
    update({ pointRead: on });
    setNotice(on ? (isSpeechSupported() ? t.pointReadOn : t.unsupported) : "");
  };

  const reset = () => {
    stopSpeech();
    setMoreOpen(false);
    update(DEFAULT_SETTINGS);
  };

  const message =
    status === "speaking"
      ? t.speaking
      : status === "paused"
        ? t.paused
        : status === "unsupported"
          ? t.unsupported
          : status === "failed"
            ? t.failed
            : status === "blocked"
              ? t.blocked
              : notice;

  return (
    <div className="a11y-bar" ref={bar}>
      <div className="container">
        <div className="a11y-toolbar" role="toolbar" aria-label={t.toolbar} onKeyDown={moveFocus}>
          <div className="a11y-main">
            <ToolButton
              icon="elderly"
              label={t.elderly}
              pressed={settings.elderly}
              onClick={() => update({ elderly: !settings.elderly })}
            />
            <ToolButton
              icon="speak"
              label={t.speak}
              title={t.speakHint}
              onPointerDown={() => (selection.current = selectedText(bar.current))}
              onClick={read}
            />
            {status === "speaking" ? <ToolButton icon="pause" label={t.pause} onClick={pauseSpeech} /> : null}
            {status === "paused" ? <ToolButton icon="resume" label={t.resume} onClick={resumeSpeech} /> : null}
            {status === "speaking" || status === "paused" ? (
              <ToolButton icon="stop" label={t.stop} onClick={stopSpeech} />
            ) : null}
            <ToolButton
              icon="larger"
              label={t.larger}
              disabled={settings.scale >= MAX_SCALE}
              onClick={() => update({ scale: Math.min(MAX_SCALE, settings.scale + 1) })}
            />
            <ToolButton
              icon="smaller"
              label={t.smaller}
              disabled={settings.scale === 0}
              onClick={() => update({ scale: Math.max(0, settings.scale - 1) })}
            />
            <button
              ref={moreToggle}
              type="button"
              className="a11y-more-toggle"
              aria-expanded={moreOpen}
              aria-controls="a11y-more"
              onClick={() => setMoreOpen(!moreOpen)}
            >
              <ToolIcon name="more" />
              <span className="a11y-label">{t.more}</span>
            </button>
          </div>
          <div
            id="a11y-more"
            className={moreOpen ? "a11y-more open" : "a11y-more"}
            role="group"
            aria-label={t.moreTools}
            onKeyDown={(event) => {
              if (event.key !== "Escape" || !moreOpen) return;
              setMoreOpen(false);
              moreToggle.current?.focus();
            }}
          >
            <ToolButton
              icon="contrast"
              label={t.contrast}
              pressed={settings.contrast}
              onClick={() => update({ contrast: !settings.contrast })}
            />
            <ToolButton
              icon="guides"
              label={t.guides}
              pressed={settings.guides}
              onClick={() => update({ guides: !settings.guides })}
            />
            <ToolButton
              icon="cursor"
              label={t.bigCursor}
              pressed={settings.bigCursor}
              onClick={() => update({ bigCursor: !settings.bigCursor })}
            />
            <ToolButton
              icon="pointRead"
              label={t.pointRead}
              title={t.pointReadHint}
              pressed={settings.pointRead}
              onClick={togglePointRead}
            />
            <ToolButton
              icon="script"
              label={settings.traditional ? t.simplified : t.traditional}
              pressed={settings.traditional}
              lang={settings.traditional ? "zh-TW" : "zh-CN"}
              onClick={() => update({ traditional: !settings.traditional })}
            />
            <ToolButton icon="reset" label={t.reset} onClick={reset} />
          </div>
        </div>
        <p className="a11y-status" role="status">
          {message}
        </p>
      </div>
      {settings.guides ? <div ref={guide} className="reading-guide" aria-hidden="true" /> : null}
    </div>
  );
}
