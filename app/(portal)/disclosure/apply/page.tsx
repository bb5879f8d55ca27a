// GET /disclosure/apply – 政府信息公开 → 依申请公开: the application form of the current site.
import type { Metadata } from "next";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { portalMetadata } from "@/lib/sites/meta";
import { listAcceptingUnits } from "@/lib/disclosure/submit-request";
import { InteractionPage } from "@/components/portal/interaction-page";
import { DisclosureForm } from "@/components/portal/disclosure-form";
import { messages } from "@/lib/i18n/zh-CN";

const d = messages.disclosure;

export async function generateMetadata(): Promise<Metadata> {
  const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
  return portalMetadata({
    site,
    baseUrl,
    path: "/disclosure/apply",
    title: d.form.heading,
    column: { name: d.title, kind: "INTERACTION" },
    noIndex: true,
  });
}

export default async function DisclosureApplyPage() {
  const site = await getCurrentSite();
  const units = await listAcceptingUnits(site.id);
  return (
    <InteractionPage site={site} crumb={`${d.catalogue} › ${d.title}`} heading={d.form.heading}>
      <DisclosureForm units={units.map(({ id, name }) => ({ id, name }))} />
      <p>
        <a href="/disclosure/lookup">{d.form.lookupTitle}</a>
      </p>
    </InteractionPage>
  );
}
