import { describe, expect, it } from "vitest";
import { getAssetFile, uploadAsset } from "@/lib/library/assets";
import { importDocx } from "@/lib/library/import-docx";
import type { RichText } from "@/lib/library/content";
import { makeDocx, makePng } from "../fixtures/make-docx";
import { actorFor, orgId, fileDb } from "./helpers";

const SECTION = "区政府办公室政务公开科";

function find(node: RichText, type: string): RichText[] {
  return [...(node.type === type ? [node] : []), ...(node.content ?? []).flatMap((child) => find(child, type))];
}

describe("uploads", () => {
  it("store images with dimensions and a thumbnail", async () => {
    await fileDb();
    const editor = await actorFor("editor");
    const asset = await uploadAsset(editor, { fileName: "会场照片.png", bytes: await makePng(640, 480) });
    expect(asset).toMatchObject({ mimeType: "image/png", width: 640, height: 480, fileName: "会场照片.png" });
    const thumbnail = await getAssetFile(editor, asset.id, "thumbnail");
    expect(thumbnail.mimeType).toBe("image/webp");
    expect(thumbnail.bytes.byteLength).toBeGreaterThan(0);
  });

  it("refuse bytes that do not match the extension, disallowed types, and outsiders", async () => {
    const db = await fileDb();
    const editor = await actorFor("editor");
    const pdfBytes = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
    await expect(uploadAsset(editor, { fileName: "照片.png", bytes: pdfBytes })).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("不符"),
    });
    await expect(
      uploadAsset(editor, { fileName: "脚本.html", bytes: new TextEncoder().encode("<script>") }),
    ).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("不支持") });
    await expect(uploadAsset(editor, { fileName: "通知.pdf", bytes: pdfBytes })).resolves.toMatchObject({
      mimeType: "application/pdf",
    });
    await expect(
      uploadAsset(await actorFor("auditor"), { fileName: "a.png", bytes: await makePng() }),
    ).rejects.toMatchObject({ code: "INVALID" });
    expect(await db.asset.count({ where: { fileName: { in: ["照片.png", "脚本.html", "a.png"] } } })).toBe(0);
  });
});

describe(".docx import", () => {
  it("turns a Word document into a draft with its title, heading, table and image", async () => {
    const db = await fileDb();
    const editor = await actorFor("editor");
    const imported = await importDocx(editor, {
      fileName: "检查通知.docx",
      bytes: await makeDocx(),
      kind: "NOTICE",
      ownerOrgId: await orgId(SECTION),
    });
    expect(imported.saved).toBe(true);
    const revision = await db.revision.findFirstOrThrow({ where: { resourceId: imported.resourceId } });
    expect(revision.title).toBe("关于开展2026年政府网站内容检查的通知");
    const body = revision.body as RichText;
    expect(find(body, "heading")[0]).toMatchObject({ attrs: { level: 2 }, content: [{ text: "一、检查范围" }] });
    const table = find(body, "table")[0]!;
    expect(find(table, "tableCell").length + find(table, "tableHeader").length).toBe(3);
    expect(
      find(table, "tableCell")
        .concat(find(table, "tableHeader"))
        .some((cell) => cell.attrs?.colspan === 2),
    ).toBe(true);
    const image = find(body, "image")[0]!;
    expect(image.attrs?.src).toMatch(/^\/api\/assets\/[0-9a-f-]{36}$/);
    expect(image.attrs?.alt).toBeTruthy();
    const asset = await db.asset.findFirstOrThrow({ where: { id: String(image.attrs!.src).split("/").pop() } });
    expect(asset).toMatchObject({ mimeType: "image/png", width: 120, height: 80 });
    expect(revision.bodyHtml).toContain("<table");
  });

  it("refuses a file that is not a .docx", async () => {
    await fileDb();
    const editor = await actorFor("editor");
    await expect(
      importDocx(editor, {
        fileName: "通知.docx",
        bytes: await makePng(),
        kind: "ARTICLE",
        ownerOrgId: await orgId(SECTION),
      }),
    ).rejects.toMatchObject({ code: "INVALID" });
  });
});

describe("the asset library", () => {
  it("lists the files of the actor's units only", async () => {
    await fileDb();
    const { listAssets } = await import("@/lib/library/assets");
    const editor = await actorFor("editor");
    const mine = await uploadAsset(editor, { fileName: "本单位.png", bytes: await makePng(10, 10) });
    const listed = await listAssets(editor, { imagesOnly: true });
    expect(listed.map((asset) => asset.id)).toContain(mine.id);
    const outsider = await (await import("./helpers")).makeUser("wl.assets", "EDITOR", "重庆市文化和旅游发展委员会");
    expect((await listAssets(outsider)).map((asset) => asset.id)).not.toContain(mine.id);
  });
});
