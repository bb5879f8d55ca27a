import type { ComponentProps } from "react";
import { ActionForm, Field } from "@/components/admin/action-form";

// One small form for each site the actor may configure, setting one choice of that site (the
// column 待转载 items are taken into, whether a site accepts 来稿): a heading, then a form a site.

type Site = { id: string; name: string; mayConfigure: boolean };

export function SiteSettingForms<S extends Site>(props: {
  heading: string;
  sites: S[];
  action: ComponentProps<typeof ActionForm>["action"];
  submitLabel: string;
  /** The field's name, and the prefix of its per-site element id. */
  name: string;
  idPrefix: string;
  label: string;
  value: (site: S) => string;
  options: (site: S) => { value: string; label: string }[];
}) {
  const configurable = props.sites.filter((site) => site.mayConfigure);
  return (
    <>
      {configurable.length ? <h2>{props.heading}</h2> : null}
      {configurable.map((site) => (
        <ActionForm key={site.id} action={props.action} submitLabel={props.submitLabel}>
          <input type="hidden" name="siteId" value={site.id} />
          <Field
            name={props.name}
            id={`${props.idPrefix}-${site.id}`}
            type="select"
            label={`${site.name}：${props.label}`}
            defaultValue={props.value(site)}
            options={props.options(site)}
          />
        </ActionForm>
      ))}
    </>
  );
}
