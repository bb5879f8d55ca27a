// GET /interaction/write – the letter form of the current site (政民互动: 我要写信). `type` preselects
// a message type; `type=correction&page=<address>` is the 网站纠错 entry every page links to.
import type { Metadata } from "next";
import { z } from "zod";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { portalMetadata } from "@/lib/sites/meta";
import { listInteractionTypes } from "@/lib/interaction/list-types";
import { isHttpUrl } from "@/lib/validation/url";
import { InteractionPage } from "@/components/portal/interaction-page";
import { LetterForm } from "@/components/portal/letter-form";
import { messages } from "@/lib/i18n/zh-CN";

const w = messages.interaction.write;

const ZQuery = z.object({
  type: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/)
    .optional()
    .catch(undefined),
  page: z.string().max(500).refine(isHttpUrl).optional().catch(undefined),
});

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
  return portalMetadata({
    site,
    baseUrl,
    path: "/interaction/write",
    title: w.title,
    column: { name: w.title, kind: "INTERACTION" },
    noIndex: true,
  });
}

export default async function WriteLetterPage({ searchParams }: Props) {
  const raw = await searchParams;
  const query = ZQuery.parse(
    Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])),
  );
  const site = await getCurrentSite();
  const types = await listInteractionTypes(site.id);
  const initialType = types.some((type) => type.code === query.type) ? query.type : undefined;
  return (
    <InteractionPage site={site} crumb={w.title}>
      {types.length ? (
        <LetterForm
          types={types.map(({ code, name, category, description }) => ({ code, name, category, description }))}
          initialType={initialType}
          initialPageUrl={initialType ? query.page : undefined}
        />
      ) : (
        <p className="empty">{messages.interaction.entry.none}</p>
      )}
    </InteractionPage>
  );
}
