import { generateJSON } from "@tiptap/html/server";
import mammoth from "mammoth";
import type { Principal } from "@/lib/auth/permissions";
import { invalid, unauthenticated } from "@/lib/errors";
import type { RequestContext } from "@/lib/auth/authenticate";
import { bodyExtensions } from "@/lib/library/extensions";
import { applyGovernmentLayout } from "@/lib/library/layout";
import { assetUrl, checkUpload, uploadAsset } from "@/lib/library/assets";
import { createResource, saveRevision } from "@/lib/library/resources";
import type { RichText } from "@/lib/library/content";
import type { ResourceKind } from "@/lib/db/generated/client";

// Import a Word document (.docx) into a new draft through mammoth, a well-kept .docx reader that
// maps Word's semantic styles (headings, lists, tables) to HTML. Embedded images become library
// assets. The first Title or heading becomes the draft's title.

const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='标题'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
];

export async function docxToDraftContent(
  bytes: Uint8Array,
  storeImage: (image: {
    contentType: string;
    bytes: Uint8Array;
    altText?: string;
  }) => Promise<{ src: string; alt: string }>,
) {
  const result = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes) },
    {
      styleMap: STYLE_MAP,
      convertImage: mammoth.images.imgElement(async (image) => {
        const data = await image.readAsBuffer();
        const altText = (image as typeof image & { altText?: string }).altText;
        return storeImage({ contentType: image.contentType, bytes: new Uint8Array(data), altText });
      }),
    },
  );
  let html = result.value;
  // The title: a Title-styled paragraph, else the first heading, else the first paragraph.
  const titleMatch = /<h1>(.*?)<\/h1>/.exec(html) ?? /<h[2-6]>(.*?)<\/h[2-6]>/.exec(html) ?? /<p>(.*?)<\/p>/.exec(html);
  const title = (titleMatch?.[1] ?? "")
    .replace(/<[^>]+>/g, "")
    .trim()
    .slice(0, 200);
  if (titleMatch) html = html.replace(titleMatch[0], "");
  // Body headings start at level 2 (the title is the page's h1).
  html = html.replace(/<(\/?)h1>/g, "<$1h2>");
  const body = applyGovernmentLayout(generateJSON(html, bodyExtensions) as RichText);
  return { title, body, warnings: result.messages.map((message) => message.message) };
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
  const resource = await createResource(actor, { kind: input.kind, ownerOrgId: input.ownerOrgId }, context);
  let imageCount = 0;
  const { title, body, warnings } = await docxToDraftContent(input.bytes, async (image) => {
    imageCount += 1;
    const extension = image.contentType.split("/")[1]?.replace("jpeg", "jpg") ?? "bin";
    const asset = await uploadAsset(
      actor,
      {
        fileName: `${input.fileName.replace(/\.docx$/i, "")}-图${imageCount}.${extension}`,
        bytes: image.bytes,
        orgId: input.ownerOrgId,
      },
      context,
    );
    return { src: assetUrl(asset), alt: image.altText?.trim() || `${title || "文档"}插图${imageCount}` };
  });
  // Policy documents need their 文号 and dates filled in before the first save; the import then
  // keeps the content as the editor's autosaved working copy instead of a revision.
  if (input.kind === "POLICY" || input.kind === "INTERPRETATION") {
    return { resourceId: resource.id, saved: false as const, title, body, warnings };
  }
  await saveRevision(
    actor,
    {
      resourceId: resource.id,
      baseVersion: 0,
      title: title || input.fileName.replace(/\.docx$/i, ""),
      body,
      metadata: { source: { type: "original" } },
    },
    context,
  );
  return { resourceId: resource.id, saved: true as const, title, body, warnings };
}
