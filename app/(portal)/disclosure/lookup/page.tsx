// GET /disclosure/lookup – the applicant follows a 政府信息公开申请 with its tracking code and password.
import type { Metadata } from "next";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { portalMetadata } from "@/lib/sites/meta";
import { InteractionPage } from "@/components/portal/interaction-page";
import { DisclosureLookup } from "@/components/portal/disclosure-lookup";
import { messages } from "@/lib/i18n/zh-CN";

const d = messages.disclosure;

export async function generateMetadata(): Promise<Metadata> {
  const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
  return portalMetadata({
    site,
    baseUrl,
    path: "/disclosure/lookup",
    title: d.form.lookupTitle,
    column: { name: d.title, kind: "INTERACTION" },
    noIndex: true,
  });
}

export default async function DisclosureLookupPage() {
  const site = await getCurrentSite();
  return (
    <InteractionPage site={site} crumb={`${d.catalogue} › ${d.form.lookupTitle}`} heading={d.form.lookupTitle}>
      <DisclosureLookup />
    </InteractionPage>
  );
}
