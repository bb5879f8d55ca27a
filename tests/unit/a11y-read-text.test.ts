import { Window } from "happy-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mainText, readableElement, textToRead } from "@/components/portal/a11y/read-text";

// What 语音朗读 and 指读 read (issue #24 item 7): the main content as shown, without the article's
// tools or hidden parts; for 指读 only a text element, by its accessible name when it has one.

let window: Window;

beforeEach(() => {
  window = new Window();
  vi.stubGlobal("Node", window.Node);
  vi.stubGlobal("Element", window.Element);
  vi.stubGlobal("HTMLElement", window.HTMLElement);
  vi.stubGlobal("getComputedStyle", window.getComputedStyle.bind(window));
  window.document.body.innerHTML = `
    <main id="main">
      <h1>关于开展政务公开专项检查的通知</h1>
      <div class="article-tools"><button>打印本页</button></div>
      <p>各科室：<a href="/x">检查要点</a>见附件。</p>
      <p hidden>隐藏的段落</p>
      <p style="display: none">不显示的段落</p>
      <span aria-hidden="true">装饰</span>
      <ul><li>第一项</li><li>第二项</li></ul>
      <nav aria-label="分页"><a href="/p/2" aria-label="下一页">›</a></nav>
      <div id="layout"><p id="empty">   </p></div>
    </main>`;
});

afterEach(() => vi.unstubAllGlobals());

const $ = (selector: string) => window.document.querySelector(selector) as unknown as Element;

describe("mainText", () => {
  it("reads the content block by block, leaving out navigation, tools and what is hidden", () => {
    expect(mainText($("#main")).split("\n")).toEqual([
      "关于开展政务公开专项检查的通知",
      "各科室：检查要点见附件。",
      "第一项",
      "第二项",
    ]);
  });
});

describe("readableElement", () => {
  it("takes the innermost text element under the pointer", () => {
    expect(readableElement($("main a[href='/x']"), $("#main"))?.tagName).toBe("A");
    expect(readableElement($("main p").firstChild, $("#main"))?.tagName).toBe("P");
    expect(readableElement($("h1"), $("#main"))?.textContent).toBe("关于开展政务公开专项检查的通知");
  });

  it("reads nothing for layout blocks, empty text, decoration or outside its scope", () => {
    expect(readableElement($("#layout"), $("#main"))).toBeNull();
    expect(readableElement($("#empty"), $("#main"))).toBeNull();
    expect(readableElement($("span[aria-hidden]"), $("#main"))).toBeNull();
    expect(readableElement($("h1"), $("ul"))).toBeNull();
    expect(readableElement(null, $("#main"))).toBeNull();
  });

  it("reads an icon link by its accessible name", () => {
    expect(textToRead($("nav a"))).toBe("下一页");
  });
});
