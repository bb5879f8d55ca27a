import type { ResourceKind } from "@/lib/db/generated/client";
import type { TInstitutionFields, TLeaderFields, TRevisionMetadata } from "@/lib/library/metadata";
import { messages } from "@/lib/i18n/zh-CN";

const labels = messages.contentKinds;

// What the content kinds of the standard columns (领导之窗, 机构职能, 单页) mean wherever an item
// is summed up in a line: feeds, channel renditions, search documents and meta descriptions.

/** A leader in one line: 姓名（职务）. */
export function leaderLine(leader: Pick<TLeaderFields, "name" | "post">): string {
  return `${leader.name}（${leader.post}）`;
}

/** The 分工 as its lines, blank lines dropped. */
export function dutyLines(duties: string): string[] {
  return duties
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The line an item is summed up by: the editor's 摘要, else a leader's name and post. */
export function kindSummary(metadata: TRevisionMetadata): string | undefined {
  const summary = metadata.summary?.trim();
  if (summary) return summary;
  return metadata.leader ? leaderLine(metadata.leader) : undefined;
}

/** The structured text a kind adds to what search finds (name, post and 分工; the unit's particulars). */
export function kindSearchText(metadata: TRevisionMetadata): string[] {
  const { leader, institution } = metadata;
  return [
    leader?.name,
    leader?.post,
    leader?.duties,
    ...(institution ? institutionRows(institution).map(([, value]) => value) : []),
  ].filter((value): value is string => Boolean(value));
}

const INSTITUTION_FIELDS: (keyof TInstitutionFields)[] = ["name", "head", "address", "phone", "hours"];

/** 机构职能's particulars that were filled in, with their field names and labels, in the order pages show them. */
export function institutionEntries(
  institution: TInstitutionFields,
): { key: keyof TInstitutionFields; label: string; value: string }[] {
  return INSTITUTION_FIELDS.flatMap((key) => {
    const value = institution[key];
    return value ? [{ key, label: labels.institution[key], value }] : [];
  });
}

/** 机构职能's particulars as [label, value] rows. */
export function institutionRows(institution: TInstitutionFields): [string, string][] {
  return institutionEntries(institution).map(({ label, value }) => [label, value]);
}

/** What the rich-text body is for a kind with fields of its own (简历, 主要职责); undefined for 正文. */
export function bodyLabel(kind: string): string | undefined {
  if (kind === "LEADER") return labels.leader.body;
  if (kind === "INSTITUTION") return labels.institution.body;
  return undefined;
}

/** Kinds whose page is a plain article: no 来源 or 发布机构 line, no list clutter around it. */
export function isPlainPage(kind: ResourceKind): boolean {
  return kind === "LEADER" || kind === "INSTITUTION" || kind === "SINGLE_PAGE";
}

/**
 * The kind's own fields as labelled lines (姓名：…, 职务：…, 分工 line by line; 机构名称：…): the
 * text reviewers read and the pre-checks scan with the title and body, since the public reads them too.
 */
export function kindFieldLines(metadata: Pick<TRevisionMetadata, "leader" | "institution">): string[] {
  const { leader, institution } = metadata;
  return [
    ...(leader
      ? [
          `${labels.leader.name}：${leader.name}`,
          `${labels.leader.post}：${leader.post}`,
          ...dutyLines(leader.duties).map((line) => `${labels.leader.duties}：${line}`),
        ]
      : []),
    ...(institution ? institutionRows(institution).map(([label, value]) => `${label}：${value}`) : []),
  ];
}
