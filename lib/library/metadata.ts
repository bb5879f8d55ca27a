import { z } from "zod";

// Metadata carried by every revision (统一元数据) and the extra fields of policy documents.
// Issue #4 extends this with the full classification; the shapes stored here stay valid.

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD");

export const ZSource = z.discriminatedUnion("type", [
  z.object({ type: z.literal("original") }),
  z.object({ type: z.literal("reprint"), originName: z.string().min(1), originUrl: z.string().url().optional() }),
]);

export const ZPolicyFields = z.object({
  docNumber: z.string().min(1).nullable(),
  issuer: z.string().min(1),
  writtenOn: isoDate.nullable(),
  effectiveOn: isoDate.nullable().optional(),
  genre: z.string().min(1),
  addressee: z.string().nullable().optional(),
});

export const ZRevisionMetadata = z.object({
  summary: z.string().max(500).optional(),
  source: ZSource,
  keywords: z.array(z.string()).default([]),
  policy: ZPolicyFields.optional(),
});

export type TRevisionMetadata = z.infer<typeof ZRevisionMetadata>;

/** The label shown as 来源 on portal pages. */
export function sourceLabel(metadata: TRevisionMetadata, ownerName: string): string {
  return metadata.source.type === "reprint" ? metadata.source.originName : ownerName;
}
