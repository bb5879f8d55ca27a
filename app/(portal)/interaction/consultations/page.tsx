// GET /interaction/consultations – 征集调查: the site's published consultations and surveys, newest first.
import type { Metadata } from "next";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { portalMetadata } from "@/lib/sites/meta";
import { listPublicConsultations } from "@/lib/interaction/consult/public-consultations";
import { InteractionPage } from "@/components/portal/interaction-page";
import { ConsultationList } from "@/components/portal/consultation-list";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.consult.public;

export async function generateMetadata(): Promise<Metadata> {
  const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
  return portalMetadata({
    site,
    baseUrl,
    path: "/interaction/consultations",
    title: t.list,
    column: { name: t.list, kind: "INTERACTION" },
  });
}

export default async function ConsultationsPage() {
  const site = await getCurrentSite();
  const rows = await listPublicConsultations(site.id);
  return (
    <InteractionPage site={site} crumb={t.list}>
      <ConsultationList rows={rows} />
    </InteractionPage>
  );
}
