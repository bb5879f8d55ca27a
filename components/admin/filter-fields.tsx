// The fields of a back-office filter form (method GET): a choice with an "all" option first, and
// a date. Each ends with a space, as the inline form lays its fields out.

export type FilterOption = { value: string; label: string };

/** Options from a label map (state → 中文), in its order. */
export function optionsOf(labels: Record<string, string>): FilterOption[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

/** Options from records with an id and a name (sites, units, sources). */
export function namedOptions(records: { id: string; name: string }[]): FilterOption[] {
  return records.map((record) => ({ value: record.id, label: record.name }));
}

export function FilterSelect(props: {
  name: string;
  label: string;
  value: string | null | undefined;
  allLabel: string;
  options: FilterOption[];
}) {
  return (
    <>
      <label>
        {props.label}{" "}
        <select name={props.name} defaultValue={props.value ?? ""}>
          <option value="">{props.allLabel}</option>
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>{" "}
    </>
  );
}

export function FilterDate(props: { name: string; label: string; value: string | null | undefined }) {
  return (
    <>
      <label>
        {props.label} <input type="date" name={props.name} defaultValue={props.value ?? ""} />
      </label>{" "}
    </>
  );
}

/** The site a page shows (a choice without "all": the page always shows one of the sites). */
export function SiteSelect(props: { label: string; value: string; sites: { id: string; name: string }[] }) {
  return (
    <>
      <label>
        {props.label}{" "}
        <select name="siteId" defaultValue={props.value}>
          {props.sites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.name}
            </option>
          ))}
        </select>
      </label>{" "}
    </>
  );
}
