// GET /admin/submissions/desk?siteId=&fromOrgId=&state=&from=&to= – 来稿: submissions to the actor's unit's sites.
import Link from "next/link";
import { firstParam, orPageError, type PageSearchParams, requireActor } from "../../guard";
import { listDeskSubmissions } from "@/lib/submissions/queries";
import { messages } from "@/lib/i18n/zh-CN";
import { SubmissionFilters, SubmissionTable } from "../table";
import { FilterSelect, namedOptions } from "@/components/admin/filter-fields";
import { SiteSettingForms } from "@/components/admin/site-setting-forms";
import { setAcceptsSubmissionsAction } from "../actions";

const t = messages.submission;
type Props = { searchParams: PageSearchParams };

export default async function SubmissionDeskPage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  const filters = {
    siteId: firstParam(params.siteId),
    fromOrgId: firstParam(params.fromOrgId),
    state: firstParam(params.state),
    from: firstParam(params.from),
    to: firstParam(params.to),
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
          <FilterSelect
            name="siteId"
            label={t.fields.toSite}
            value={desk.filters.siteId}
            allLabel={t.filters.allSites}
            options={namedOptions(desk.sites)}
          />
        ) : null}
        <FilterSelect
          name="fromOrgId"
          label={t.fields.fromOrg}
          value={desk.filters.fromOrgId}
          allLabel={t.filters.allUnits}
          options={namedOptions(desk.units)}
        />
        <SubmissionFilters filters={desk.filters} />
        <button type="submit" className="button-inline">
          {t.actions.filter}
        </button>
      </form>
      <SubmissionTable rows={desk.rows} side="desk" empty={t.empty.desk} />
      <SiteSettingForms
        heading={t.acceptSetting.heading}
        sites={desk.sites}
        action={setAcceptsSubmissionsAction}
        submitLabel={t.acceptSetting.save}
        name="accepts"
        idPrefix="accepts"
        label={t.acceptSetting.label}
        value={(site) => String(site.acceptsSubmissions)}
        options={() => [
          { value: "true", label: t.acceptSetting.yes },
          { value: "false", label: t.acceptSetting.no },
        ]}
      />
    </>
  );
}
