import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { Document, ImageRun, Packer, Paragraph, TextRun } from "docx";
import { importDocx } from "@/lib/library/import-docx";
import { checkRevision } from "@/lib/review/revision-checks";
import type { RichText } from "@/lib/library/content";
import { makePng } from "../fixtures/make-docx";
import { actorFor, orgId, fileDb } from "./helpers";

// A .docx as LibreOffice and WPS write it (tests/fixtures/docx/README.md): images without alt
// text, Heading 1 and 2, notes and a right-aligned 落款 all arrive, and what could not be
// carried over comes back as Chinese warnings.

const SECTION = "区政府办公室政务公开科";
const fixture = () => readFile(new URL("../fixtures/docx/libreoffice-notice.docx", import.meta.url));

function find(node: RichText, type: string): RichText[] {
  return [...(node.type === type ? [node] : []), ...(node.content ?? []).flatMap((child) => find(child, type))];
}
const textOf = (node: RichText): string => node.text ?? (node.content ?? []).map(textOf).join("");

/** A 2×2 BMP: Word keeps it, browsers and the asset library do not take it. */
function makeBmp(): Buffer {
  const bmp = Buffer.alloc(54 + 16);
  bmp.write("BM", 0, "latin1");
  bmp.writeUInt32LE(bmp.length, 2);
  bmp.writeUInt32LE(54, 10);
  bmp.writeUInt32LE(40, 14);
  bmp.writeInt32LE(2, 18);
  bmp.writeInt32LE(2, 22);
  bmp.writeUInt16LE(1, 26);
  bmp.writeUInt16LE(24, 28);
  bmp.writeUInt32LE(16, 34);
  return bmp;
}

describe("importing a LibreOffice-made .docx", () => {
  it("keeps the image without alt text, both heading levels, the notes and the 落款, and warns in Chinese", async () => {
    const db = await fileDb();
    const editor = await actorFor("editor");
    const imported = await importDocx(editor, {
      fileName: "政务公开重点工作.docx",
      bytes: await fixture(),
      kind: "NOTICE",
      ownerOrgId: await orgId(SECTION),
    });
    expect(imported.saved).toBe(true);
    const revision = await db.revision.findFirstOrThrow({ where: { resourceId: imported.resourceId } });
    expect(revision.title).toBe("关于做好2026年政务公开重点工作的通知");
    const body = revision.body as RichText;

    // Heading 1 → h2, Heading 2 → h3: the title is the page's h1.
    expect(find(body, "heading").map((heading) => [heading.attrs?.level, textOf(heading)])).toEqual([
      [2, "一、总体要求"],
      [3, "（一）工作目标"],
    ]);

    // The image is stored through the asset library, centred, with an empty alt for the editor to fill.
    const [image, ...others] = find(body, "image");
    expect(others).toEqual([]);
    expect(image!.attrs).toMatchObject({ alt: "", align: "center", src: expect.stringMatching(/^\/api\/assets\//) });
    const asset = await db.asset.findUniqueOrThrow({ where: { id: String(image!.attrs!.src).split("/").pop() } });
    expect(asset).toMatchObject({
      mimeType: "image/png",
      width: 120,
      height: 80,
      fileName: "政务公开重点工作-图1.png",
    });

    // The footnote and the endnote: references in the text, one list of notes at the end.
    expect(find(body, "footnoteReference").map((reference) => reference.attrs?.number)).toEqual([1, 2]);
    const notes = body.content!.at(-1)!;
    expect(notes.type).toBe("footnotes");
    expect(notes.content!.map((note) => [note.attrs?.number, textOf(note)])).toEqual([
      [1, "《国务院办公厅关于印发2026年政务公开工作要点的通知》。"],
      [2, "迁移方案另行印发。"],
    ]);

    // The table's cells are not indented; body paragraphs are.
    const cells = find(find(body, "table")[0]!, "paragraph");
    expect(cells.map((paragraph) => [textOf(paragraph), paragraph.attrs?.indent])).toEqual([
      ["事项", false],
      ["完成时限", false],
      ["网站集约化迁移", false],
      ["2026年12月底", false],
    ]);
    expect(body.content![0]).toMatchObject({ type: "paragraph", attrs: { indent: true } });

    // The right-aligned 落款 stays right-aligned and is not indented.
    const signature = find(body, "paragraph").filter((paragraph) => paragraph.attrs?.textAlign === "right");
    expect(signature.map((paragraph) => [textOf(paragraph), paragraph.attrs?.indent])).toEqual([
      ["某某县人民政府办公室", false],
      ["2026年3月1日", false],
    ]);

    // What the portal renders: working anchors both ways, alignment, and no editor marker.
    const html = revision.bodyHtml;
    expect(html).toContain("<h2>一、总体要求</h2>");
    expect(html).toContain("<h3>（一）工作目标</h3>");
    expect(html).toContain('<sup class="footnote-ref"><a href="#fn-1" id="fnref-1">[1]</a></sup>');
    expect(html).toContain('<li id="fn-2" value="2"><span class="footnote-text">迁移方案另行印发。</span>');
    expect(html).toContain('<a href="#fnref-2" class="footnote-back" aria-label="返回正文">↩</a>');
    expect(html).toMatch(/<img alt="" style="display:block;margin-left:auto;margin-right:auto" data-align="center"/);
    expect(html).toContain('<p style="text-align:right">某某县人民政府办公室</p>');
    expect(html).not.toContain("缺少替代文本");

    // The pre-checks list the missing alt text for the author and the reviewers (a warning).
    const findings = await checkRevision(db, revision);
    expect(findings.filter((finding) => finding.kind === "missing_alt")).toEqual([
      expect.objectContaining({ level: "warn", text: "第 1 张图片" }),
    ]);

    expect(imported.warnings).toEqual([
      "段落样式“主送机关”无法识别，这些段落已按正文导入，请核对格式。",
      "第 1 张图片没有替代文本，已在编辑器中标为“缺少替代文本”，请补写后再提交审核。",
    ]);
  });

  it("keeps importing when the asset library refuses an image, and says which one", async () => {
    const db = await fileDb();
    const editor = await actorFor("editor");
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun("关于启用新版网站的通知")] }),
            new Paragraph({
              children: [new ImageRun({ type: "bmp", data: makeBmp(), transformation: { width: 2, height: 2 } })],
            }),
            new Paragraph({
              children: [
                new ImageRun({
                  type: "png",
                  data: await makePng(40, 30),
                  transformation: { width: 40, height: 30 },
                  altText: { title: "新版首页", description: "新版首页截图", name: "首页" },
                }),
              ],
            }),
          ],
        },
      ],
    });
    const imported = await importDocx(editor, {
      fileName: "启用通知.docx",
      bytes: await Packer.toBuffer(document),
      kind: "ARTICLE",
      ownerOrgId: await orgId(SECTION),
    });
    const revision = await db.revision.findFirstOrThrow({ where: { resourceId: imported.resourceId } });
    const images = find(revision.body as RichText, "image");
    expect(images.map((image) => image.attrs?.alt)).toEqual(["新版首页截图"]);
    expect(imported.warnings).toEqual([
      expect.stringMatching(/^有图片为 image\/bmp 格式，浏览器无法显示/),
      expect.stringMatching(/^第 1 张图片（image\/bmp）未能导入：/),
    ]);
  });

  it("refuses a damaged document, a user who may not create drafts and another unit, changing nothing", async () => {
    const db = await fileDb();
    const bytes = await fixture();
    const before = { resources: await db.resource.count(), assets: await db.asset.count() };
    await expect(
      importDocx(await actorFor("editor"), {
        fileName: "损坏的文档.docx",
        bytes: bytes.subarray(0, Math.floor(bytes.length / 2)),
        kind: "ARTICLE",
        ownerOrgId: await orgId(SECTION),
      }),
    ).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("无法读取这个 Word 文档") });
    await expect(
      importDocx(await actorFor("auditor"), {
        fileName: "政务公开重点工作.docx",
        bytes,
        kind: "ARTICLE",
        ownerOrgId: await orgId(SECTION),
      }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/FORBIDDEN|INVALID|NOT_FOUND/) });
    await expect(
      importDocx(await actorFor("editor"), {
        fileName: "政务公开重点工作.docx",
        bytes,
        kind: "ARTICLE",
        ownerOrgId: await orgId("重庆市文化和旅游发展委员会"),
      }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/FORBIDDEN|INVALID|NOT_FOUND/) });
    expect({ resources: await db.resource.count(), assets: await db.asset.count() }).toEqual(before);
  });
});
