// GET /interaction/qa?theme= – 咨询答问: the site's served 答问 (published, placed on the site, within
// their 有效期), by theme.
import type { Metadata } from "next";
import { z } from "zod";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { portalMetadata } from "@/lib/sites/meta";
import { listServedQa } from "@/lib/interaction/qa/public-qa";
import { InteractionPage } from "@/components/portal/interaction-page";
import { QaList } from "@/components/portal/qa-list";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.qa;
const ZQuery = z.object({
  theme: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .optional()
    .catch(undefined),
});
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
  return portalMetadata({
    site,
    baseUrl,
    path: "/interaction/qa",
    title: t.column,
    column: { name: t.column, kind: "INTERACTION" },
  });
}

export default async function QaPage({ searchParams }: Props) {
  const query = await searchParams;
  const { theme } = ZQuery.parse({ theme: Array.isArray(query.theme) ? query.theme[0] : query.theme });
  const site = await getCurrentSite();
  const served = await listServedQa(site.id, { theme });
  return (
    <InteractionPage site={site} crumb={t.column}>
      <QaList basePath="/interaction/qa" theme={theme} served={served} />
    </InteractionPage>
  );
}
