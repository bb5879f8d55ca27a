// GET /interaction/lookup – 留言查询: the writer follows a letter by 查询码 and password and rates the reply.
import type { Metadata } from "next";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { portalMetadata } from "@/lib/sites/meta";
import { InteractionPage } from "@/components/portal/interaction-page";
import { LetterLookup } from "@/components/portal/letter-lookup";
import { messages } from "@/lib/i18n/zh-CN";

const l = messages.interaction.lookup;

export async function generateMetadata(): Promise<Metadata> {
  const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
  return portalMetadata({
    site,
    baseUrl,
    path: "/interaction/lookup",
    title: l.title,
    column: { name: l.title, kind: "INTERACTION" },
    noIndex: true,
  });
}

export default async function LetterLookupPage() {
  const site = await getCurrentSite();
  return (
    <InteractionPage site={site} crumb={l.title}>
      <p>{l.intro}</p>
      <LetterLookup />
    </InteractionPage>
  );
}
