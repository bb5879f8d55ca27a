import { messages } from "@/lib/i18n/zh-CN";
import { formatDateTime } from "@/lib/format";

// The audit log in words: which category an action belongs to, its name, and an event's content
// as rows of a table (field, before, after) instead of JSON. Pure functions, no database.

export type AuditCategory = keyof typeof messages.audit.categories;
export type AuditActionCode = keyof typeof messages.audit.actions;

/** Which action codes each category holds, by their leading segment. */
const CATEGORY_PREFIXES: Record<AuditCategory, readonly string[]> = {
  account: ["auth.", "account."],
  users: ["user.", "membership.", "responsibility.", "credential_reset.", "org."],
  security: ["security."],
  resource: ["resource.", "asset.", "policy.", "theme.", "library.", "preview."],
  review: ["review.", "workflow."],
  publish: ["publication.", "placement."],
  channel: ["channel.", "delivery."],
  registry: ["registry."],
  interaction: ["interaction."],
  disclosure: ["disclosure."],
  supervision: ["supervision."],
  reports: ["reprint.", "statistics.", "submission.", "report."],
  site: ["site.", "column."],
  audit: ["audit."],
  system: ["calendar.", "search.", "platform."],
};

export const AUDIT_CATEGORIES = Object.keys(CATEGORY_PREFIXES) as AuditCategory[];

export function isAuditCategory(value: string): value is AuditCategory {
  return Object.hasOwn(CATEGORY_PREFIXES, value);
}

export function isAuditActionCode(value: string): value is AuditActionCode {
  return Object.hasOwn(messages.audit.actions, value);
}

/** The prefixes an action of `category` starts with (for the query). */
export function categoryPrefixes(category: AuditCategory): readonly string[] {
  return CATEGORY_PREFIXES[category];
}

/** The category of an action code, or null when none claims it. */
export function categoryOf(action: string): AuditCategory | null {
  for (const category of AUDIT_CATEGORIES) {
    if (CATEGORY_PREFIXES[category].some((prefix) => action.startsWith(prefix))) return category;
  }
  return null;
}

/** The action's name; an action recorded before it was named reads as such (its code stays in the detail). */
export function auditActionLabel(action: string): string {
  return isAuditActionCode(action) ? messages.audit.actions[action] : "未命名的操作";
}

/** The actions of each category, for the filter's list. */
export function auditActionChoices(): {
  category: AuditCategory;
  label: string;
  actions: { code: string; label: string }[];
}[] {
  const codes = Object.keys(messages.audit.actions) as AuditActionCode[];
  return AUDIT_CATEGORIES.map((category) => ({
    category,
    label: messages.audit.categories[category],
    actions: codes
      .filter((code) => categoryOf(code) === category)
      .map((code) => ({ code, label: messages.audit.actions[code] })),
  }));
}

// ───────────────────────── an event's content as a table ─────────────────────────

export type AuditDetailRow = { field: string; label: string; before?: string; after?: string; value?: string };
export type AuditDetail =
  { kind: "change"; rows: AuditDetailRow[]; other: AuditDetailRow[] } | { kind: "fields"; rows: AuditDetailRow[] };

/** Fields of the monitors' audit events whose codes read in words (a check, a severity, a trigger). */
const SUPERVISION_VALUES: Record<string, Record<string, string>> = {
  monitorCheck: messages.supervision.checks,
  severity: messages.supervision.severities,
  previousSeverity: messages.supervision.severities,
  trigger: messages.supervision.triggers,
};

const UPPER_CASE_VALUES: Record<string, string> = Object.assign(
  {},
  messages.scheduleStatus,
  messages.credentialResets.status,
  messages.newMedia.applicationStatus,
  messages.newMedia.accountStatus,
  messages.newMedia.applicationKinds,
  messages.newMedia.platforms,
  messages.newMedia.channelKinds,
  messages.deliveryStatus,
  messages.deliveryActions,
  messages.calendarDayKinds,
  messages.credentialResets.kinds,
  messages.orgKinds,
  messages.stageTypes,
  messages.decisions,
  messages.reviewStatus,
  messages.resourceStates,
  messages.validity,
  messages.resourceKinds,
  messages.roles,
  messages.interaction.rejectRoutes,
  messages.interaction.ratings,
  messages.consult.participation,
);

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function fieldLabel(field: string): string {
  return messages.audit.fields[field] ?? field;
}

/** Names of the records an event's content refers to by id (an id reads as the name when known). */
export type AuditNames = ReadonlyMap<string, string>;

/** Fields whose values are ids of a subject kind (for naming them): field → `kind` of `kind:id`. */
export const AUDIT_ID_FIELDS: Readonly<Record<string, string>> = {
  orgId: "org",
  resourceId: "resource",
  causeResourceId: "resource",
  channelId: "channel",
  channelIds: "channel",
  userId: "user",
  requestedById: "user",
  approvedById: "user",
  accountId: "new-media-account",
  applicationId: "account-application",
  reviewInstanceId: "review",
  cancelledReviews: "review",
};

function formatScalar(field: string, value: unknown, names?: AuditNames): string {
  const { values } = messages.audit;
  if (typeof value === "string" && names?.has(value)) return names.get(value)!;
  if (value === null || value === undefined || value === "") return values.empty;
  if (typeof value === "boolean") return value ? values.yes : values.no;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value !== "string") return JSON.stringify(value);
  if (ISO_TIME.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return formatDateTime(date);
  }
  if ((field === "check" || field === "checks") && Object.hasOwn(messages.checks, value))
    return messages.checks[value as keyof typeof messages.checks];
  const supervision = SUPERVISION_VALUES[field];
  if (supervision && Object.hasOwn(supervision, value)) return supervision[value]!;
  if (Object.hasOwn(UPPER_CASE_VALUES, value)) return UPPER_CASE_VALUES[value]!;
  if (Object.hasOwn(messages.audit.codeValues, value)) return messages.audit.codeValues[value]!;
  return value;
}

/** A value in words: lists joined, objects as `名称：值；…`, times in China time. */
export function formatAuditValue(field: string, value: unknown, names?: AuditNames): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return messages.audit.values.empty;
    return value.map((item) => formatAuditValue(field, item, names)).join("、");
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return messages.audit.values.empty;
    return entries.map(([key, item]) => `${fieldLabel(key)}：${formatAuditValue(key, item, names)}`).join("；");
  }
  return formatScalar(field, value, names);
}

/** The `kind:id` subjects an event's content names by id (to look their names up). */
export function auditDataReferences(data: unknown): string[] {
  const found = new Set<string>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (isRecord(value))
      for (const [field, item] of Object.entries(value)) {
        const kind = AUDIT_ID_FIELDS[field];
        const ids = Array.isArray(item) ? item : [item];
        if (kind) for (const id of ids) if (typeof id === "string") found.add(`${kind}:${id}`);
        walk(item);
      }
  };
  walk(data);
  return [...found];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * An event's content as rows: with `before`/`after` objects, one row per field that either side
 * names (修改前, 修改后); otherwise one row per field. Secrets never enter the record (the writers
 * keep them out), so everything recorded is shown.
 */
export function describeAuditData(data: unknown, names?: AuditNames): AuditDetail {
  const content = isRecord(data) ? data : {};
  const { before, after, ...rest } = content;
  const hasChange = isRecord(before) || isRecord(after) || ("before" in content && "after" in content);
  const other = Object.entries(rest).map(([field, value]) => ({
    field,
    label: fieldLabel(field),
    value: formatAuditValue(field, value, names),
  }));
  if (!hasChange) {
    const rows = Object.entries(content).map(([field, value]) => ({
      field,
      label: fieldLabel(field),
      value: formatAuditValue(field, value, names),
    }));
    return { kind: "fields", rows };
  }
  if (!isRecord(before) && !isRecord(after)) {
    // A single value changed (e.g. 效力状态 from 有效 to 已废止).
    return {
      kind: "change",
      rows: [
        {
          field: "value",
          label: "内容",
          before: formatAuditValue("", before, names),
          after: formatAuditValue("", after, names),
        },
      ],
      other,
    };
  }
  const beforeRecord = isRecord(before) ? before : {};
  const afterRecord = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(beforeRecord), ...Object.keys(afterRecord)])];
  return {
    kind: "change",
    rows: fields.map((field) => ({
      field,
      label: fieldLabel(field),
      before: field in beforeRecord ? formatAuditValue(field, beforeRecord[field], names) : messages.audit.values.empty,
      after: field in afterRecord ? formatAuditValue(field, afterRecord[field], names) : messages.audit.values.empty,
    })),
    other,
  };
}
