"use client";

import { useEffect } from "react";

// An article opened from search results (…?hl=words) highlights the words in its title and
// body. Done in the browser, so the cached page is the same for every visitor.

export function SearchHighlight({ containerSelector }: { containerSelector: string }) {
  useEffect(() => {
    const words = new URLSearchParams(window.location.search).get("hl");
    const container = document.querySelector(containerSelector);
    if (!words || !container) return;
    const terms = [...new Set(words.split(/[\s\p{P}\p{S}]+/u).filter(Boolean))]
      .sort((a, b) => b.length - a.length)
      .slice(0, 10);
    if (terms.length === 0) return;
    const pattern = new RegExp(terms.map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "giu");
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest("mark, script, style, button")) continue;
      pattern.lastIndex = 0;
      if (pattern.test(node.nodeValue ?? "")) nodes.push(node as Text);
    }
    let firstMark: HTMLElement | null = null;
    for (const node of nodes) {
      const text = node.nodeValue ?? "";
      const fragment = document.createDocumentFragment();
      let last = 0;
      pattern.lastIndex = 0;
      for (const match of text.matchAll(pattern)) {
        const index = match.index ?? 0;
        if (index > last) fragment.append(text.slice(last, index));
        const mark = document.createElement("mark");
        mark.className = "search-hit";
        mark.textContent = match[0];
        firstMark ??= mark;
        fragment.append(mark);
        last = index + match[0].length;
      }
      if (last < text.length) fragment.append(text.slice(last));
      node.replaceWith(fragment);
    }
    firstMark?.scrollIntoView({ block: "center" });
  }, [containerSelector]);
  return null;
}
