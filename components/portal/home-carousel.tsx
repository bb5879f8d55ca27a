"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { messages } from "@/lib/i18n/zh-CN";

// 焦点图: the server (and a browser without JavaScript) renders every slide as a list of pictures
// with their titles; once the script runs it shows one slide at a time with 上一张/下一张, a
// dot per slide and a pause button (WCAG 2.2.2). It advances by itself only when the visitor's
// system does not ask for reduced motion, and holds still while the pointer or focus is on it.

const t = messages.homeBlocks.carousel;
const INTERVAL_MS = 6000;

export type CarouselSlide = { href: string; title: string; src: string; alt: string; position: string; date: string };

const MOTION_QUERY = "(prefers-reduced-motion: reduce)";
const subscribeMotion = (listener: () => void) => {
  const query = window.matchMedia(MOTION_QUERY);
  query.addEventListener("change", listener);
  return () => query.removeEventListener("change", listener);
};
const noop = () => () => {};

export function HomeCarousel({ id, slides }: { id: string; slides: CarouselSlide[] }) {
  const enhanced = useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
  const reducedMotion = useSyncExternalStore(
    subscribeMotion,
    () => window.matchMedia(MOTION_QUERY).matches,
    () => true,
  );
  const [current, setCurrent] = useState(0);
  const [paused, setPaused] = useState(false);
  const [held, setHeld] = useState(false);
  const playing = enhanced && !reducedMotion && !paused && !held && slides.length > 1;

  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => setCurrent((index) => (index + 1) % slides.length), INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [playing, slides.length]);

  if (!enhanced || slides.length < 2) {
    return (
      <ul className="carousel-list">
        {slides.map((slide) => (
          <li key={slide.href}>
            <SlideFigure slide={slide} />
          </li>
        ))}
      </ul>
    );
  }
  const go = (index: number) => setCurrent((index + slides.length) % slides.length);
  return (
    <div
      className="carousel"
      role="group"
      aria-roledescription="carousel"
      aria-label={t.label}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setHeld(false);
      }}
    >
      <div className="carousel-controls">
        {reducedMotion ? null : (
          <button type="button" className="carousel-pause" onClick={() => setPaused(!paused)} aria-pressed={paused}>
            {paused ? t.play : t.pause}
          </button>
        )}
        <button type="button" onClick={() => go(current - 1)} aria-controls={`${id}-slides`}>
          {t.previous}
        </button>
        <button type="button" onClick={() => go(current + 1)} aria-controls={`${id}-slides`}>
          {t.next}
        </button>
      </div>
      <div id={`${id}-slides`} className="carousel-slides" aria-live={playing ? "off" : "polite"}>
        {slides.map((slide, index) => (
          <div
            key={slide.href}
            className="carousel-slide"
            role="group"
            aria-roledescription="slide"
            aria-label={t.slide(index + 1, slides.length)}
            hidden={index !== current}
          >
            <SlideFigure slide={slide} />
          </div>
        ))}
      </div>
      <div className="carousel-dots">
        {slides.map((slide, index) => (
          <button
            key={slide.href}
            type="button"
            aria-label={t.choose(index + 1)}
            aria-current={index === current ? "true" : undefined}
            onClick={() => go(index)}
          />
        ))}
      </div>
    </div>
  );
}

function SlideFigure({ slide }: { slide: CarouselSlide }) {
  return (
    <figure className="carousel-figure">
      <a href={slide.href} tabIndex={-1} aria-hidden="true">
        <img src={slide.src} alt={slide.alt} style={{ objectPosition: slide.position }} />
      </a>
      <figcaption>
        <a href={slide.href}>{slide.title}</a>
        <time>{slide.date}</time>
      </figcaption>
    </figure>
  );
}
