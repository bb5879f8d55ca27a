import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { cleanPastedHtml } from "@/lib/library/paste";

// happy-dom stands in for the browser's DOMParser.
const parser = new new Window().DOMParser() as unknown as DOMParser;

// What Word puts on the clipboard (trimmed): Office styles, conditional comments, fake lists.
const WORD_HTML = `
<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{font-family:宋体}</style></head><body>
<!--StartFragment-->
<h2 style='mso-outline-level:2'><span lang=ZH-CN style='font-family:黑体'>一、总体要求</span></h2>
<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'><span style='font-size:16.0pt;font-family:仿宋_GB2312'>各单位要<b>高度重视</b>。<o:p></o:p></span></p>
<p class=MsoListParagraph style='margin-left:21pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp;</span></span><![endif]><span>加强组织领导</span></p>
<p class=MsoListParagraph style='margin-left:21pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>2.<span>&nbsp;&nbsp;</span></span><![endif]><span>强化督促检查</span></p>
<table class=MsoTableGrid border=1 style='border-collapse:collapse'><tr><td width=100 style='border:solid windowtext 1.0pt'><p class=MsoNormal>单位</p></td><td colspan=2><p class=MsoNormal>联系人</p></td></tr></table>
<p class=MsoNormal align=center style='text-align:center'><img width=200 height=100 src="data:image/png;base64,AAAA" alt="示意图"></p>
<!--EndFragment-->
</body></html>`;

describe("cleanPastedHtml", () => {
  const html = cleanPastedHtml(WORD_HTML, parser);

  it("keeps headings, emphasis, tables with merged cells and images", () => {
    expect(html).toContain("<h2>一、总体要求</h2>");
    expect(html).toContain("<b>高度重视</b>");
    expect(html).toMatch(
      /<table><tbody><tr><td><p>单位<\/p><\/td><td colspan="2"><p>联系人<\/p><\/td><\/tr><\/tbody><\/table>/,
    );
    expect(html).toContain('src="data:image/png;base64,AAAA"');
    expect(html).toContain('alt="示意图"');
  });

  it("turns Word's list paragraphs into a real list without their typed markers", () => {
    expect(html).toMatch(/<ol><li><p>加强组织领导<\/p><\/li><li><p>强化督促检查<\/p><\/li><\/ol>/);
  });

  it("drops Office styles, classes and namespaces but keeps indent and alignment", () => {
    expect(html).not.toMatch(/mso-|MsoNormal|font-family|o:p|class=|lang=/);
    expect(html).toContain('style="text-indent:32.0pt"');
    expect(html).toContain('style="text-align:center"');
  });
});
