import type { Tx } from "@/lib/db/client";
import { invalid } from "@/lib/errors";
import type { Principal } from "@/lib/auth/permissions";
import { IMAGE_TYPES } from "@/lib/library/assets";
import { visibleOrgIds } from "@/lib/library/browse";
import type { TRevisionMetadata } from "@/lib/library/metadata";

// 标题图片 comes from the asset library (先入库，后使用): an image that exists there and that the
// person saving may see. Anything else is refused with the field's error, and nothing is saved.

const ASSET_PREFIX = "/api/assets/";

/** The asset id of a title image address. */
export function titleImageAssetId(src: string): string {
  return src.slice(ASSET_PREFIX.length);
}

export async function checkTitleImage(tx: Tx, actor: Principal, metadata: TRevisionMetadata): Promise<void> {
  // 领导之窗's 照片 is an image of the same kind, held to the same rule.
  const images = [
    { image: metadata.titleImage, field: "metadata.titleImage.src", label: "标题图片" },
    { image: metadata.leader?.photo, field: "metadata.leader.photo.src", label: "照片" },
  ];
  for (const { image, field, label } of images) {
    if (!image) continue;
    const asset = await tx.asset.findUnique({
      where: { id: titleImageAssetId(image.src) },
      select: { ownerOrgId: true, mimeType: true },
    });
    const refuse = (message: string) => invalid(message, { [field]: [message] });
    if (!asset || !(await visibleOrgIds(actor)).includes(asset.ownerOrgId)) {
      throw refuse(`${label}不在素材库中或无权使用，请重新选择。`);
    }
    if (!IMAGE_TYPES.includes(asset.mimeType)) throw refuse(`${label}须是 JPG、PNG、GIF 或 WebP 图片。`);
  }
}
