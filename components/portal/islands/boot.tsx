// The island script of pages the portal server renders without Next.js (lib/portal-render): it
// hydrates each <Island> box (./island.tsx) with its component and the props the box carries.
// Bundled on its own (lib/portal-render/islands.ts), loaded as a module script from this origin.
import type { ComponentType } from "react";
import { hydrateRoot } from "react-dom/client";
import { AccessibilityToolbar } from "../a11y-toolbar";
import { ArticleTools } from "../article-tools";
import { SearchHighlight } from "../search-highlight";
import type { IslandName } from "./island";

const ISLANDS: Record<IslandName, ComponentType<never>> = {
  "a11y-toolbar": AccessibilityToolbar,
  "article-tools": ArticleTools,
  "search-highlight": SearchHighlight,
};

for (const box of document.querySelectorAll<HTMLElement>("[data-island]")) {
  const Component = ISLANDS[box.dataset.island as IslandName] as ComponentType<object> | undefined;
  if (!Component) continue;
  const props = JSON.parse(box.dataset.props ?? "{}") as object;
  hydrateRoot(box, <Component {...props} />);
}
