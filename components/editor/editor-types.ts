import type { SaveConflictDetails } from "@/lib/library/resources";
import type { TDisclosureReason, TPolicyFieldsInput, TRevisionMetadataInput } from "@/lib/library/metadata";

// The types the editor's parts share. They come from the zod schemas in lib/library, so the
// editor cannot drift from what the server accepts.

type Disclosure = NonNullable<TRevisionMetadataInput["disclosure"]>;

/** 不予公开 before a reason is chosen ("" is the select's 请选择): the save answers with the field error. */
export type DisclosureDraft = Disclosure | { type: "not_disclosed"; reason: "" };

/** The editor's working copy of the metadata: the schema's input, where a choice not yet made may be missing. */
export type MetadataDraft = Omit<Partial<TRevisionMetadataInput>, "disclosure"> & { disclosure?: DisclosureDraft };
export type PolicyDraft = TPolicyFieldsInput;
export type LeaderDraft = NonNullable<TRevisionMetadataInput["leader"]>;
export type InstitutionDraft = NonNullable<TRevisionMetadataInput["institution"]>;
export type QaDraft = NonNullable<TRevisionMetadataInput["qa"]>;
export type Audience = NonNullable<TRevisionMetadataInput["audience"]>;
export type RelationKind = NonNullable<TRevisionMetadataInput["relations"]>[number]["kind"];
export type { SaveConflictDetails, TDisclosureReason };

export type Choice = { value: string; label: string };
export type FieldErrors = Partial<Record<string, string[]>>;
