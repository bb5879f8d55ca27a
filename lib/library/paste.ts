// Paste from Word/WPS: keep the structure (headings, lists, tables, images), drop the styles.
// Runs in the browser (the editor's transformPastedHTML) with the browser's DOMParser; tests
// pass happy-dom's. Word writes lists as styled paragraphs (mso-list) with the marker in a span;
// they become real <ol>/<ul> here. What the editor's schema does not know is dropped by it.

const KEPT_STYLES = ["text-align", "text-indent"];
const ORDERED_MARKER = /^\s*(\d+[.、．)]|[（(]?[一二三四五六七八九十]+[)）、]|[a-zA-Z][.)])\s*$/;

export function cleanPastedHtml(
  html: string,
  parser: { parseFromString(html: string, type: "text/html"): Document },
): string {
  const doc = parser.parseFromString(html, "text/html");
  const body = doc.body;

  // Comments (Word's conditional blocks), Office namespaces, styles and scripts.
  const walker = doc.createTreeWalker(body, 128 /* NodeFilter.SHOW_COMMENT */);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((comment) => comment.parentNode?.removeChild(comment));
  body.querySelectorAll("style, script, meta, link, xml, title").forEach((element) => element.remove());
  for (const element of Array.from(body.querySelectorAll("*"))) {
    if (element.tagName.includes(":")) element.replaceWith(...Array.from(element.childNodes));
  }

  // Word's list paragraphs → real lists: consecutive ones of one kind form one list.
  let currentList: HTMLElement | null = null;
  for (const paragraph of Array.from(body.querySelectorAll("p"))) {
    if (!/mso-list:\s*l\d/.test(paragraph.getAttribute("style") ?? "")) continue;
    const marker = paragraph.querySelector('span[style*="mso-list:Ignore"], span[style*="mso-list: Ignore"]');
    const ordered = ORDERED_MARKER.test(marker?.textContent ?? "");
    marker?.remove();
    const tag = ordered ? "OL" : "UL";
    if (!currentList || paragraph.previousElementSibling !== currentList || currentList.tagName !== tag) {
      currentList = doc.createElement(tag.toLowerCase());
      paragraph.before(currentList);
    }
    const item = doc.createElement("li");
    const inner = doc.createElement("p");
    inner.append(...Array.from(paragraph.childNodes));
    item.append(inner);
    currentList.append(item);
    paragraph.remove();
  }

  // Styles and classes go, except alignment and first-line indent; wrappers are unwrapped.
  for (const element of Array.from(body.querySelectorAll("*"))) {
    const style = element.getAttribute("style") ?? "";
    const kept = style
      .split(";")
      .map((declaration) => declaration.trim())
      .filter((declaration) => KEPT_STYLES.some((property) => declaration.toLowerCase().startsWith(`${property}:`)));
    for (const attribute of Array.from(element.attributes)) {
      if (!["href", "src", "alt", "colspan", "rowspan", "title"].includes(attribute.name))
        element.removeAttribute(attribute.name);
    }
    if (kept.length) element.setAttribute("style", kept.join("; "));
    if (["SPAN", "FONT", "O:P", "U1:P"].includes(element.tagName) && !element.getAttribute("style")) {
      element.replaceWith(...Array.from(element.childNodes));
    }
  }
  return body.innerHTML.replace(/&nbsp;/g, " ");
}
