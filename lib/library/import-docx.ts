import { generateJSON } from "@tiptap/html/server";
import type { Principal } from "@/lib/auth/permissions";
import { DomainError, invalid, unauthenticated } from "@/lib/errors";
import type { RequestContext } from "@/lib/auth/authenticate";
import { bodyExtensions } from "@/lib/library/extensions";
import { applyGovernmentLayout } from "@/lib/library/layout";
import { assetUrl, checkUpload, uploadAsset } from "@/lib/library/assets";
import { createResource, saveRevision } from "@/lib/library/resources";
import { DOCX_IMAGE_PREFIX, readDocx, type DocxImage } from "@/lib/library/docx-html";
import type { RichText } from "@/lib/library/content";
import type { ResourceKind } from "@/lib/db/generated/client";

// Import a Word document (.docx) into a new draft. The document is read completely before
// anything is written, so an unreadable file changes nothing. Every embedded image is stored
// through the asset library's checks; one without alt text keeps an empty alt, which the editor
// marks "缺少替代文本" until one is typed. What could not be carried over is returned as
// warnings in Chinese for the import page to show.

/** Images the asset library refused leave the body; the rest point at their stored asset. */
function placeImages(node: RichText, sources: Map<string, string>): RichText | null {
  if (node.type === "image" && String(node.attrs?.src ?? "").startsWith(DOCX_IMAGE_PREFIX)) {
    const src = sources.get(String(node.attrs!.src));
    return src ? { ...node, attrs: { ...node.attrs, src } } : null;
  }
  if (!node.content) return node;
  const content = node.content.map((child) => placeImages(child, sources)).filter((child) => child !== null);
  return { ...node, content };
}

function numbered(images: DocxImage[]): string {
  return images.map((image) => image.index).join("、");
}

export async function importDocx(
  actor: Principal | null,
  input: { fileName: string; bytes: Uint8Array; kind: ResourceKind; ownerOrgId: string },
  context: Partial<RequestContext> = {},
) {
  if (!actor) throw unauthenticated();
  if (!input.fileName.toLowerCase().endsWith(".docx"))
    throw invalid("请上传 .docx 格式的 Word 文档（.doc 请先在 Word/WPS 中另存为 .docx）。");
  const checked = await checkUpload(input.fileName, input.bytes, 50 * 1024 * 1024);
  if ("error" in checked) throw invalid(checked.error);
  const { title, html, images, warnings } = await readDocx(input.bytes);
  const resource = await createResource(actor, { kind: input.kind, ownerOrgId: input.ownerOrgId }, context);

  const sources = new Map<string, string>();
  const refused: string[] = [];
  const baseName = input.fileName.replace(/\.docx$/i, "");
  for (const image of images) {
    const extension = image.contentType.split("/")[1]?.replace("jpeg", "jpg") ?? "bin";
    try {
      const asset = await uploadAsset(
        actor,
        { fileName: `${baseName}-图${image.index}.${extension}`, bytes: image.bytes, orgId: input.ownerOrgId },
        context,
      );
      sources.set(`${DOCX_IMAGE_PREFIX}${image.index}`, assetUrl(asset));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "INVALID") throw error;
      refused.push(`第 ${image.index} 张图片（${image.contentType}）未能导入：${error.message}`);
    }
  }
  const kept = images.filter((image) => sources.has(`${DOCX_IMAGE_PREFIX}${image.index}`));
  const withoutAlt = kept.filter((image) => image.altText === "");
  if (withoutAlt.length)
    warnings.push(
      `第 ${numbered(withoutAlt)} 张图片没有替代文本，已在编辑器中标为“缺少替代文本”，请补写后再提交审核。`,
    );
  warnings.push(...refused);

  const parsed = placeImages(generateJSON(html, bodyExtensions) as RichText, sources) ?? { type: "doc" };
  const body = applyGovernmentLayout(parsed);
  // Policy documents need their 文号 and dates filled in before the first save, and a leader's
  // 简历 the name and post; the import then keeps the content as the editor's autosaved working
  // copy instead of a revision.
  if (input.kind === "POLICY" || input.kind === "INTERPRETATION" || input.kind === "LEADER") {
    return { resourceId: resource.id, saved: false as const, title, body, warnings };
  }
  await saveRevision(
    actor,
    {
      resourceId: resource.id,
      baseVersion: 0,
      title: title || baseName,
      body,
      metadata: { source: { type: "original" } },
    },
    context,
  );
  return { resourceId: resource.id, saved: true as const, title, body, warnings };
}
