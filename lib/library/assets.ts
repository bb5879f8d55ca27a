import { createHash } from "node:crypto";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { getDb, type Tx } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/client";
import { getEnv } from "@/lib/env";
import { getAssetStore } from "@/lib/library/asset-store";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { invalid, notFound, unauthenticated } from "@/lib/errors";
import type { RequestContext } from "@/lib/auth/authenticate";
import { visibleOrgIds } from "@/lib/library/browse";
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from "@/lib/validation/text";

// Uploads are trusted by their content, not their names: the magic bytes decide the type, and
// the extension must agree with it. Files are stored by content hash in the asset store
// (lib/library/asset-store.ts); images get their dimensions and a thumbnail.

/** Allowed extensions and the content types their bytes may show. */
const ALLOWED: Record<string, string[]> = {
  jpg: ["image/jpeg"],
  jpeg: ["image/jpeg"],
  png: ["image/png"],
  gif: ["image/gif"],
  webp: ["image/webp"],
  pdf: ["application/pdf"],
  // OFD (版式文档, GB/T 33190) is a zip container.
  ofd: ["application/zip"],
  docx: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"],
  xlsx: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"],
  // Legacy Office and WPS formats are OLE compound files.
  doc: ["application/x-cfb"],
  xls: ["application/x-cfb"],
  wps: ["application/x-cfb"],
  et: ["application/x-cfb"],
  mp3: ["audio/mpeg"],
  mp4: ["video/mp4"],
};
const SERVE_TYPES: Record<string, string> = {
  ofd: "application/ofd",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
  wps: "application/vnd.ms-works",
  et: "application/vnd.ms-excel",
};
export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];

export function extensionOf(fileName: string): string {
  return path.extname(fileName).slice(1).toLowerCase();
}

/** What the bytes are, if the name's extension is allowed and agrees with them; else a message. */
export async function checkUpload(
  fileName: string,
  bytes: Uint8Array,
  maxBytes: number,
  /** Extensions and the content types their bytes may show; the library's list by default. */
  allowed: Record<string, string[]> = ALLOWED,
): Promise<{ mimeType: string } | { error: string }> {
  // The name is stored, audited and sent back in Content-Disposition: no control characters.
  if (/[\u0000-\u001f\u007f-\u009f]/u.test(fileName))
    return { error: "文件名含有不允许的控制字符，请重命名后再上传。" };
  const extension = extensionOf(fileName);
  const accepted = Object.hasOwn(allowed, extension) ? allowed[extension] : undefined;
  if (!accepted)
    return {
      error: `不支持上传 .${extension || "（无扩展名）"} 文件。允许：图片、PDF、OFD、Word、Excel、WPS、MP3、MP4。`,
    };
  if (bytes.byteLength === 0) return { error: "文件是空的。" };
  if (bytes.byteLength > maxBytes) return { error: `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 的上限。` };
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !accepted.includes(detected.mime)) {
    return { error: `文件内容与扩展名 .${extension} 不符（实际为 ${detected?.ext ?? "未知格式"}），已拒绝。` };
  }
  return {
    mimeType:
      detected.mime.startsWith("image/") ||
      detected.mime.startsWith("audio/") ||
      detected.mime.startsWith("video/") ||
      detected.mime === "application/pdf"
        ? detected.mime
        : (SERVE_TYPES[extension] ?? detected.mime),
  };
}

export async function readBytes(key: string): Promise<Buffer> {
  return getAssetStore().get(key);
}

export async function uploadAsset(
  actor: Principal | null,
  input: { fileName: string; bytes: Uint8Array; orgId?: string },
  context: Partial<RequestContext> = {},
) {
  if (!actor) throw unauthenticated();
  const can = await createPermissionChecker(actor);
  const unitWhere = (action: "resource.create" | "site.manage") =>
    actor.memberships.find((membership) => can(action, { orgId: membership.orgId }))?.orgId;
  const orgId = input.orgId ?? unitWhere("resource.create") ?? unitWhere("site.manage");
  if (!orgId) throw invalid("您没有上传文件的权限。");
  // Editors upload whatever the library takes; a site administrator only the images its site
  // shows (home-page banners), kept as assets of the site's unit.
  const action = can("resource.create", { orgId }) ? "resource.create" : "site.manage";
  const role = await assertCan(actor, action, { orgId });
  const stored = await storeUpload(input, { imagesOnly: action === "site.manage" });
  return getDb().$transaction((tx) => recordAsset(tx, { actor, role, orgId, stored }, context));
}

export type StoredUpload = Awaited<ReturnType<typeof storeCheckedFile>>;

/**
 * Checks an upload's bytes and writes them (and an image's thumbnail) to the asset store, by
 * content hash: storing the same bytes twice is harmless, so callers do this before their
 * transaction and record the asset inside it (recordAsset). Refuses with a Chinese message.
 */
export async function storeUpload(
  input: { fileName: string; bytes: Uint8Array },
  options: { imagesOnly?: boolean; field?: string } = {},
) {
  const field = options.field ?? "file";
  const fileName = path.basename(input.fileName).slice(0, 200);
  const checked = await checkUpload(fileName, input.bytes, getEnv().MAX_UPLOAD_MB * 1024 * 1024);
  if ("error" in checked) throw invalid(checked.error, { [field]: [checked.error] });
  if (options.imagesOnly && !IMAGE_TYPES.includes(checked.mimeType)) {
    const message = "请上传图片文件（JPG、PNG、GIF 或 WebP）。";
    throw invalid(message, { [field]: [message] });
  }
  return storeCheckedFile(fileName, input.bytes, checked.mimeType, field);
}

/**
 * Puts bytes that passed checkUpload into the asset store by content hash (an image with its
 * dimensions and a thumbnail); returns the Asset row's file fields, for the caller to write.
 */
export async function storeCheckedFile(fileName: string, bytes: Uint8Array, mimeType: string, field = "file") {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const storageKey = `${sha256}.${extensionOf(fileName)}`;
  let width: number | null = null;
  let height: number | null = null;
  let thumbnailKey: string | null = null;
  if (IMAGE_TYPES.includes(mimeType)) {
    const image = sharp(bytes, { animated: false });
    const info = await image.metadata().catch(() => null);
    if (!info?.width || !info.height) throw invalid("图片无法读取，可能已损坏。", { [field]: ["图片无法读取"] });
    width = info.width;
    height = info.height;
    thumbnailKey = `${sha256}.thumb.webp`;
    await getAssetStore().put(
      thumbnailKey,
      await image.resize({ width: 320, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer(),
      "image/webp",
    );
  }
  await getAssetStore().put(storageKey, bytes, mimeType);
  return { fileName, mimeType, size: bytes.byteLength, sha256, storageKey, width, height, thumbnailKey };
}

/** The asset row of a stored upload and its audit event, in the caller's transaction. */
export async function recordAsset(
  tx: Tx,
  input: { actor: Principal; role: Role; orgId: string; stored: StoredUpload },
  context: Partial<RequestContext> = {},
) {
  const { actor, role, orgId, stored } = input;
  const asset = await tx.asset.create({ data: { ownerOrgId: orgId, uploadedById: actor.id, ...stored } });
  await recordAudit(tx, {
    actorId: actor.id,
    role,
    action: "asset.upload",
    subject: `asset:${asset.id}`,
    data: { fileName: stored.fileName, mimeType: stored.mimeType, size: asset.size, sha256: stored.sha256 },
    ...context,
  });
  return asset;
}

export function assetUrl(asset: { id: string }, variant?: "thumbnail") {
  return `/api/assets/${asset.id}${variant ? "?variant=thumbnail" : ""}`;
}

export type AssetAccess = "public" | "private";

/**
 * An asset for download or display, with who may have it. An asset is public only while a public
 * page uses it (PUBLIC_REFERENCES: a live publication, a published home-page banner, a site
 * column's banner, a site's logo, header banner, favicon or 党政机关 badge); until then — a
 * draft's image, an attachment of a resource still in review, an upload nobody used yet — it is
 * private: only signed-in people who may read a resource using it (the library's `resource.view`
 * rule), or the uploading unit's library, get it. Everyone else gets "not found", so a guessed or leaked URL confirms nothing.
 */
export async function getAssetFile(actor: Principal | null, assetId: string, variant?: "thumbnail") {
  const db = getDb();
  const asset = await db.asset.findUnique({ where: { id: assetId } });
  if (!asset) throw notFound();
  const access: AssetAccess = (await isPublicAsset(asset.id)) ? "public" : "private";
  if (access === "private" && !(await maySeePrivateAsset(actor, asset))) throw notFound();
  const key = variant === "thumbnail" && asset.thumbnailKey ? asset.thumbnailKey : asset.storageKey;
  return {
    asset,
    access,
    bytes: await readBytes(key),
    mimeType: key.endsWith(".thumb.webp") ? "image/webp" : asset.mimeType,
  };
}

/** Pages and feeds reference an asset by its URL, in the rendered body or the metadata (attachments). */
function assetReference(assetId: string) {
  return `/api/assets/${assetId}`;
}

/**
 * Where the public sees an asset: each entry answers whether the reference (its address) is
 * used there. An asset is public while any of them uses it, and private otherwise.
 */
const PUBLIC_REFERENCES: { where: string; uses: (reference: string, assetId: string) => Promise<boolean> }[] = [
  { where: "a live publication's body or metadata", uses: isShownByLivePublication },
  // The logo, header banner, favicon or 党政机关 badge of a site (its settings name the asset).
  { where: "a site's identity images", uses: (_reference, assetId) => isSiteIdentityImage(assetId) },
  // A 专题's banner (Column.bannerSrc), shown on the topic, its sub-columns and the 专题 index.
  // An image banner of a site's published home page (首页区块).
  {
    where: "a published home-page block",
    uses: async (reference) =>
      (await getDb().homeBlock.count({ where: { stage: "PUBLISHED", config: { path: ["src"], equals: reference } } })) >
      0,
  },
  // A guest's photo on an announced interview's page (在线访谈).
  {
    where: "an interview guest's photo",
    uses: async (_reference, assetId) => (await getDb().interviewGuest.count({ where: { photoAssetId: assetId } })) > 0,
  },
  {
    where: "a site column's banner",
    uses: async (reference) => (await getDb().column.count({ where: { bannerSrc: reference } })) > 0,
  },
];

/** Whether a site's settings use the asset as one of its identity images (every portal page shows them). */
async function isSiteIdentityImage(assetId: string): Promise<boolean> {
  const site = await getDb().site.findFirst({
    where: {
      OR: [
        { logoAssetId: assetId },
        { bannerAssetId: assetId },
        { faviconAssetId: assetId },
        { badgeAssetId: assetId },
      ],
    },
    select: { id: true },
  });
  return site !== null;
}

export async function isPublicAsset(assetId: string): Promise<boolean> {
  const reference = assetReference(assetId);
  for (const { uses } of PUBLIC_REFERENCES) if (await uses(reference, assetId)) return true;
  return false;
}

async function isShownByLivePublication(reference: string): Promise<boolean> {
  const rows = await getDb().$queryRaw<{ found: number }[]>`
    select 1 as found
      from "Publication" p
      join "Revision" r on r.id = p."revisionId"
     where p."withdrawnAt" is null and p."supersededAt" is null and p."publishedAt" <= now()
       and (strpos(r."bodyHtml", ${reference}) > 0 or strpos(r.metadata::text, ${reference}) > 0)
     limit 1`;
  return rows.length > 0;
}

async function maySeePrivateAsset(
  actor: Principal | null,
  asset: { id: string; ownerOrgId: string },
): Promise<boolean> {
  if (!actor || actor.pendingObligation) return false;
  const reference = assetReference(asset.id);
  // The units of every resource whose revisions or working copies use the asset.
  const users = await getDb().$queryRaw<{ ownerOrgId: string }[]>`
    select distinct res."ownerOrgId"
      from "Resource" res
     where exists (select 1 from "Revision" r where r."resourceId" = res.id
                     and (strpos(r."bodyHtml", ${reference}) > 0 or strpos(r.metadata::text, ${reference}) > 0))
        or exists (select 1 from "WorkingDraft" w where w."resourceId" = res.id
                     and (strpos(w.body::text, ${reference}) > 0 or strpos(w.metadata::text, ${reference}) > 0))`;
  const can = await createPermissionChecker(actor);
  return [asset.ownerOrgId, ...users.map((row) => row.ownerOrgId)].some((orgId) => can("resource.view", { orgId }));
}

/** The asset library: files of the units the actor may see, newest first. */
export async function listAssets(
  actor: Principal | null,
  options: { imagesOnly?: boolean; q?: string; take?: number } = {},
) {
  if (!actor) throw unauthenticated();
  if (options.q && hasControlCharacters(options.q)) throw invalid(CONTROL_CHARACTER_MESSAGE);
  const orgIds = await visibleOrgIds(actor);
  const assets = await getDb().asset.findMany({
    where: {
      ownerOrgId: { in: orgIds },
      ...(options.imagesOnly ? { mimeType: { in: IMAGE_TYPES } } : {}),
      ...(options.q ? { fileName: { contains: options.q, mode: "insensitive" as const } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(options.take ?? 100, 200),
  });
  return assets.map((asset) => ({
    id: asset.id,
    fileName: asset.fileName,
    mimeType: asset.mimeType,
    size: asset.size,
    width: asset.width,
    height: asset.height,
    createdAt: asset.createdAt,
    url: assetUrl(asset),
    thumbnailUrl: asset.thumbnailKey ? assetUrl(asset, "thumbnail") : null,
  }));
}
