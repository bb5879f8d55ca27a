// What 语音朗读 and 指读 read: the visitor's selection, the page's main content as it is shown
// (hidden parts, decorative parts and the article's own tool row left out), or one text element.

/** Elements whose text is read as one piece by 指读, innermost first. */
const TEXT_ELEMENTS = "a,button,summary,label,h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,figcaption,blockquote,time";
/** Parts of the main content that are not read: navigation (breadcrumbs, pagination), tools, decoration. */
const SKIPPED = "nav,.article-tools,[aria-hidden='true'],[hidden],script,style,template,noscript,svg";
const MAX_ELEMENT_TEXT = 600;
/** Displays that start a line of their own (table cells included, so cells are read apart). */
const BLOCK_DISPLAY = /^(block|flex|grid|list-item|table|flow-root)/;

const normalize = (text: string) => text.replace(/\s+/g, " ").trim();

/** The text the visitor has selected, outside the toolbar; empty when nothing is selected. */
export function selectedText(toolbar: Element | null): string {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return "";
  const anchor = selection.anchorNode;
  if (toolbar && anchor && toolbar.contains(anchor)) return "";
  return selection.toString().trim();
}

/** The page's main content, one line per block, as the visitor sees it. */
export function mainText(root: Element): string {
  const lines: string[] = [];
  let line = "";
  const flush = () => {
    if (normalize(line)) lines.push(normalize(line));
    line = "";
  };
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      line += node.textContent ?? "";
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const element = node as Element;
    if (element.matches(SKIPPED)) return;
    const style = getComputedStyle(element);
    if (style.display === "none" || style.visibility === "hidden") return;
    const block = BLOCK_DISPLAY.test(style.display);
    if (block) flush();
    for (const child of element.childNodes) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return lines.join("\n");
}

/** The text element at `target` inside `scope`, or null when there is none or it holds no text. */
export function readableElement(target: EventTarget | null, scope: Element): Element | null {
  if (!target || !(target instanceof Node)) return null;
  const start = target instanceof Element ? target : target.parentElement;
  const element = start?.closest(TEXT_ELEMENTS);
  if (!element || !scope.contains(element) || element.closest("[aria-hidden='true']")) return null;
  return textToRead(element) ? element : null;
}

/** What 指读 reads for an element: its accessible name when it has one, else its visible text. */
export function textToRead(element: Element): string {
  const label = element.getAttribute("aria-label")?.trim();
  const text = label || (element instanceof HTMLElement ? element.innerText : element.textContent) || "";
  return normalize(text).slice(0, MAX_ELEMENT_TEXT);
}
