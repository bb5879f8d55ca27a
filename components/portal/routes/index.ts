// The public pages the portal server renders itself (lib/portal-render/render.ts), by route: the
// same components the Next.js routes render.
import { createElement } from "react";
import type { PortalPages } from "@/lib/portal-render/render";
import { ContentRoute, contentMetadata } from "./content-route";
import { SearchRoute, queryValues, searchMetadata } from "./search-route";
import { HomeRoute, homeMetadata } from "./home-route";

export const portalPages: PortalPages = (match) => {
  switch (match.name) {
    case "home":
      return {
        manifestPage: "/(portal)/page",
        metadata: () => homeMetadata(),
        element: () => createElement(HomeRoute),
      };
    case "content":
      return {
        manifestPage: "/(portal)/content/[id]/page",
        metadata: () => contentMetadata(match.params),
        element: () => createElement(ContentRoute, { params: match.params }),
      };
    case "search": {
      const query = queryValues(match.params);
      return {
        manifestPage: "/(portal)/search/page",
        metadata: () => searchMetadata(),
        element: () => createElement(SearchRoute, { query }),
      };
    }
  }
};
