// GET /admin/submissions/desk?siteId=&fromOrgId=&state=&from=&to= – 来稿: submissions to the actor's unit's sites.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { listDeskSubmissions } from "@/lib/submissions/queries";
import { messages } from "@/lib/i18n/zh-CN";
import { SubmissionTable } from "../table";
import { ActionForm, Field } from "@/components/admin/action-form";
import { setAcceptsSubmissionsAction } from "../actions";

const t = messages.submission;
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SubmissionDeskPage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  const filters = {
    siteId: first(params.siteId),
    fromOrgId: first(params.fromOrgId),
    state: first(params.state),
    from: first(params.from),
    to: first(params.to),
  };
  const desk = await orPageError(listDeskSubmissions(actor, filters));
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin">工作台</Link> &gt; {t.deskTitle}
      </p>
      <h1>{t.deskTitle}</h1>
      <p>{t.deskIntro}</p>
      <form method="get" className="inline-form" aria-label="筛选来稿">
        {desk.sites.length > 1 ? (
          <>
            <label>
              {t.fields.toSite}{" "}
              <select name="siteId" defaultValue={desk.filters.siteId ?? ""}>
                <option value="">{t.filters.allSites}</option>
                {desk.sites.map((site) => (
                  <option key={site.id} value={site.id}>
                    {site.name}
                  </option>
                ))}
              </select>
            </label>{" "}
          </>
        ) : null}
        <label>
          {t.fields.fromOrg}{" "}
          <select name="fromOrgId" defaultValue={desk.filters.fromOrgId ?? ""}>
            <option value="">{t.filters.allUnits}</option>
            {desk.units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.name}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t.fields.state}{" "}
          <select name="state" defaultValue={desk.filters.state ?? ""}>
            <option value="">{t.filters.allStates}</option>
            {Object.entries(t.states).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t.fields.from} <input type="date" name="from" defaultValue={desk.filters.from ?? ""} />
        </label>{" "}
        <label>
          {t.fields.to} <input type="date" name="to" defaultValue={desk.filters.to ?? ""} />
        </label>{" "}
        <button type="submit" className="button-inline">
          {t.actions.filter}
        </button>
      </form>
      <SubmissionTable rows={desk.rows} side="desk" empty={t.empty.desk} />
      {desk.sites.some((site) => site.mayConfigure) ? <h2>{t.acceptSetting.heading}</h2> : null}
      {desk.sites
        .filter((site) => site.mayConfigure)
        .map((site) => (
          <ActionForm key={site.id} action={setAcceptsSubmissionsAction} submitLabel={t.acceptSetting.save}>
            <input type="hidden" name="siteId" value={site.id} />
            <Field
              name="accepts"
              id={`accepts-${site.id}`}
              type="select"
              label={`${site.name}：${t.acceptSetting.label}`}
              defaultValue={String(site.acceptsSubmissions)}
              options={[
                { value: "true", label: t.acceptSetting.yes },
                { value: "false", label: t.acceptSetting.no },
              ]}
            />
          </ActionForm>
        ))}
    </>
  );
}
