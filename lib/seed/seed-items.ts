import type { Tx } from "@/lib/db/client";
import type { PolicyValidity, ResourceKind } from "@/lib/db/generated/client";
import { computeContentHash, type RichText } from "@/lib/library/content";
import { renderBodyHtml } from "@/lib/library/render-body";
import { allocateUnitIndexNumber } from "@/lib/library/index-number";
import { kindIssues, ZRevisionMetadata, type TRevisionMetadataInput } from "@/lib/library/metadata";

// How the seed puts an item on the portal: through the same records as any published item — a
// resource, its immutable revision (validated metadata, content hash, rendered body), a publication
// and its placements. Seeded items enter as 历史导入 (IMPORTED): they were not signed on this platform.

export type SeedUnit = { id: string; code: string | null };

export type SeedItem = {
  kind: ResourceKind;
  ownerOrgId: string;
  authorId: string;
  title: string;
  body: RichText;
  metadata: TRevisionMetadataInput;
  publishedAt: Date;
  columnIds: string[];
  /** 索引号; allocated from `indexUnit`'s serial when absent. */
  indexNumber?: string | null;
  /** The unit whose serial numbers the item (the owning unit, or the host unit of a section). */
  indexUnit: SeedUnit;
  validity?: PolicyValidity;
};

/** Creates one published item; refuses metadata the editor would refuse. Returns the resource id. */
export async function createPublishedItem(tx: Tx, item: SeedItem): Promise<string> {
  const metadata = ZRevisionMetadata.parse(item.metadata);
  const issues = kindIssues(item.kind, metadata);
  if (issues.length) throw new Error(`seed item "${item.title}": ${issues[0]!.message}`);
  // 索引号 from the unit's own serial, as a first save allocates it (lib/library/resources.ts).
  const indexNumber =
    item.indexNumber ??
    (item.indexUnit.code
      ? await allocateUnitIndexNumber(tx, { id: item.indexUnit.id, code: item.indexUnit.code }, item.publishedAt)
      : null);
  const resource = await tx.resource.create({
    data: {
      kind: item.kind,
      ownerOrgId: item.ownerOrgId,
      createdById: item.authorId,
      indexNumber,
      version: 1,
      title: item.title,
      state: "PUBLISHED",
      genre: metadata.policy?.genre ?? null,
      themeCode: metadata.themeCode ?? null,
      validity: item.kind === "POLICY" ? (item.validity ?? "VALID") : null,
      createdAt: item.publishedAt,
      updatedAt: item.publishedAt,
    },
  });
  const revision = await tx.revision.create({
    data: {
      resourceId: resource.id,
      number: 1,
      title: item.title,
      body: item.body,
      bodyHtml: renderBodyHtml(item.body),
      metadata,
      contentHash: computeContentHash({ title: item.title, body: item.body, metadata }),
      authorId: item.authorId,
      createdAt: item.publishedAt,
    },
  });
  await tx.publication.create({
    data: {
      resourceId: resource.id,
      revisionId: revision.id,
      origin: "IMPORTED",
      contentHash: revision.contentHash,
      publishedAt: item.publishedAt,
    },
  });
  if (metadata.relations.length) {
    await tx.resourceRelation.createMany({
      data: metadata.relations.map((relation) => ({
        fromId: resource.id,
        toId: relation.targetId,
        kind: relation.kind,
      })),
      skipDuplicates: true,
    });
  }
  if (item.columnIds.length) {
    await tx.placement.createMany({
      data: item.columnIds.map((columnId) => ({ resourceId: resource.id, columnId })),
    });
  }
  return resource.id;
}
