import { ActionForm, CheckboxGroup, Field } from "@/components/admin/action-form";
import { messages } from "@/lib/i18n/zh-CN";
import { saveTypeAction } from "./actions";

// One message type's fields, for a new type or an existing one (with the version it was shown at).

const t = messages.interaction.typeEditor;
const f = t.fields;

const CATEGORY_OPTIONS = Object.entries(messages.interaction.categories).map(([value, label]) => ({ value, label }));
const REPLY_UNIT_OPTIONS = Object.entries(t.replyUnits).map(([value, label]) => ({ value, label }));
const REVIEWER_OPTIONS = (["INFO_SUPERVISOR", "DIRECT_RESPONSIBLE"] as const).map((value) => ({
  value,
  label: messages.roles[value],
}));

export type TypeFormValues = {
  id: string;
  version: number;
  name: string;
  code: string;
  category: string;
  description: string;
  unitId: string;
  acceptWorkingDays: number;
  replyWorkingDays: number | null;
  replyHours: number | null;
  maxWorkingDays: number;
  replyReviewer: string;
  publicForm: boolean;
};

export function TypeForm({
  siteId,
  units,
  type,
}: {
  siteId: string;
  units: { id: string; name: string }[];
  type?: TypeFormValues;
}) {
  const id = (name: string) => `type-${type?.id ?? "new"}-${name}`;
  return (
    <ActionForm action={saveTypeAction} submitLabel={type ? t.save : t.add}>
      <input type="hidden" name="siteId" value={siteId} />
      {type ? (
        <>
          <input type="hidden" name="typeId" value={type.id} />
          <input type="hidden" name="version" value={type.version} />
        </>
      ) : null}
      <Field id={id("name")} name="name" label={f.name} defaultValue={type?.name} required />
      <Field id={id("code")} name="code" label={f.code} defaultValue={type?.code} required />
      <Field
        id={id("category")}
        name="category"
        label={f.category}
        type="select"
        options={CATEGORY_OPTIONS}
        defaultValue={type?.category}
        required
      />
      <Field
        id={id("description")}
        name="description"
        label={f.description}
        type="textarea"
        defaultValue={type?.description}
        required
      />
      <Field
        id={id("unit")}
        name="unitId"
        label={f.unit}
        type="select"
        options={units.map((unit) => ({ value: unit.id, label: unit.name }))}
        defaultValue={type?.unitId}
        required
      />
      <Field
        id={id("accept")}
        name="acceptWorkingDays"
        label={f.acceptWorkingDays}
        type="number"
        defaultValue={type?.acceptWorkingDays ?? 1}
        required
      />
      <Field
        id={id("reply-unit")}
        name="replyUnit"
        label={f.replyUnit}
        type="select"
        options={REPLY_UNIT_OPTIONS}
        defaultValue={type?.replyHours ? "HOURS" : "WORKING_DAYS"}
        required
      />
      <Field
        id={id("reply")}
        name="replyLimit"
        label={f.replyLimit}
        type="number"
        defaultValue={type ? (type.replyHours ?? type.replyWorkingDays ?? "") : 5}
        required
      />
      <Field
        id={id("max")}
        name="maxWorkingDays"
        label={f.maxWorkingDays}
        type="number"
        defaultValue={type?.maxWorkingDays ?? 15}
        required
      />
      <Field
        id={id("reviewer")}
        name="replyReviewer"
        label={f.replyReviewer}
        type="select"
        options={REVIEWER_OPTIONS}
        defaultValue={type?.replyReviewer ?? "DIRECT_RESPONSIBLE"}
        required
      />
      <CheckboxGroup
        name="publicForm"
        legend={t.columns.shown}
        options={[{ value: "yes", label: f.publicForm }]}
        checked={!type || type.publicForm ? ["yes"] : []}
      />
    </ActionForm>
  );
}
