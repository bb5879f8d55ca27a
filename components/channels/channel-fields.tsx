import { Field } from "@/components/admin/action-form";

// The kind-specific part of the channel form: settings, then credentials. Credentials are
// never sent to the browser: the form says whether each is set and offers a field to replace it.

export function ChannelSettingsFields({
  fields,
  values = {},
}: {
  fields: { key: string; label: string; required: boolean }[];
  values?: Record<string, string>;
}) {
  return (
    <>
      {fields.map((field) => (
        <Field
          key={field.key}
          name={field.key}
          label={field.label}
          required={field.required}
          defaultValue={values[field.key] ?? ""}
          autoComplete="off"
        />
      ))}
    </>
  );
}

export function ChannelSecretFields({ fields }: { fields: { key: string; label: string; isSet?: boolean }[] }) {
  if (fields.length === 0) return null;
  return (
    <fieldset className="field">
      <legend>接口凭据（加密保存，不会再次显示）</legend>
      {fields.map((field) =>
        field.isSet === undefined ? (
          <Field
            key={field.key}
            name={field.key}
            label={field.label}
            type="password"
            required
            autoComplete="new-password"
          />
        ) : (
          <div key={field.key}>
            <p>
              {field.label}：<strong>{field.isSet ? "已设置" : "未设置"}</strong>
            </p>
            <Field
              name={field.key}
              label={field.isSet ? `更换${field.label}（留空则不更改）` : `设置${field.label}`}
              type="password"
              autoComplete="new-password"
            />
          </div>
        ),
      )}
    </fieldset>
  );
}
