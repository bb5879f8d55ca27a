import type { ColumnKind } from "@/lib/db/generated/client";
import { messages } from "@/lib/i18n/zh-CN";
import type { THomeBlock } from "@/lib/sites/home-blocks";

// The home page of a site whose administrator has not published a layout yet: the same page the
// portal has always shown (the headline with its picture and the latest items of the whole site,
// the latest policy documents and interpretations, a block per top-level content column, and the
// service entries), so no site changes until its administrator publishes a layout of their own.

type ColumnRow = { id: string; parentId: string | null; name: string; kind: ColumnKind };

const SERVICE_KINDS: ColumnKind[] = ["LINK", "INTERACTION", "SEARCH"];

export function defaultHomeBlocks(columns: ColumnRow[]): THomeBlock[] {
  const t = messages.portal;
  const contentColumns = columns.filter((column) => column.parentId === null && !SERVICE_KINDS.includes(column.kind));
  const blocks: THomeBlock[] = [
    { kind: "HEADLINES", title: t.latest, config: { columnIds: [], count: 9, withImage: true } },
    { kind: "POLICIES", title: t.latestPolicies, config: { columnIds: [], count: 6 } },
    { kind: "INTERPRETATIONS", title: t.latestInterpretations, config: { columnIds: [], count: 6 } },
    ...contentColumns.map((column): THomeBlock => ({
      kind: "COLUMN",
      title: column.name.slice(0, 20),
      config: { columnId: column.id, count: 6, showSummary: false, showImage: false },
    })),
  ];
  if (columns.some((column) => SERVICE_KINDS.includes(column.kind)))
    blocks.push({ kind: "SERVICES", title: t.services, config: { columnId: null, count: 24 } });
  return blocks;
}
