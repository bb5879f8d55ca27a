// The island script of pages the portal server renders without Next.js (lib/portal-render): it
// hydrates each <Island> box (./island.tsx) with its component and the props the box carries.
// Bundled on its own (lib/portal-render/islands.ts), loaded as a module script from this origin.
import { createElement, type ComponentType } from "react";
import { hydrateRoot } from "react-dom/client";
import { AccessibilityToolbar } from "../a11y-toolbar";
import { ArticleTools } from "../article-tools";
import { SearchHighlight } from "../search-highlight";
import type { IslandName } from "./island";

type Loaded = ComponentType<never> | (() => Promise<ComponentType<never>>);

// The carousel (home pages only, with the messages it shows) is a chunk of its own, loaded when a page has one.
const ISLANDS: Record<IslandName, Loaded> = {
  "a11y-toolbar": AccessibilityToolbar,
  "article-tools": ArticleTools,
  "search-highlight": SearchHighlight,
  "home-carousel": () => import("../home-carousel").then((module) => module.HomeCarousel),
};
const LAZY = new Set<IslandName>(["home-carousel"]);

for (const box of document.querySelectorAll<HTMLElement>("[data-island]")) {
  const name = box.dataset.island as IslandName;
  const entry = ISLANDS[name] as Loaded | undefined;
  if (!entry) continue;
  const props = JSON.parse(box.dataset.props ?? "{}") as object;
  const hydrate = (Component: ComponentType<never>) =>
    hydrateRoot(box, createElement(Component as ComponentType<object>, props));
  if (LAZY.has(name)) void (entry as () => Promise<ComponentType<never>>)().then(hydrate);
  else hydrate(entry as ComponentType<never>);
}
