import type { ReactNode } from "react";

// The box around a client island of a public page. Next.js hydrates the island inside it as part
// of its page; pages the portal server renders itself (lib/portal-render) carry no React Server
// Components payload, and their island script (./boot.tsx) hydrates each box on its own, with the
// props written here. Both paths write the same box, so a page is the same HTML either way.
// `display: contents` (globals.css) keeps the box out of the layout.

export type IslandName = "a11y-toolbar" | "article-tools" | "search-highlight" | "home-carousel";

export function Island({ name, props, children }: { name: IslandName; props: object; children: ReactNode }) {
  return (
    <div className="island" data-island={name} data-props={JSON.stringify(props)}>
      {children}
    </div>
  );
}
