// GET /interaction/write – the letter form of the current site (政民互动: 我要写信). `type` preselects
// a message type; `type=correction&page=<address>` is the 网站纠错 entry every page links to.
import type { Metadata } from "next";
import { z } from "zod";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { buildColumnTree } from "@/lib/sites/portal";
import { portalMetadata } from "@/lib/sites/meta";
import { listInteractionTypes } from "@/lib/interaction/list-types";
import { isHttpUrl } from "@/lib/validation/url";
import { SiteFrame } from "@/components/portal/site-frame";
import { LetterForm } from "@/components/portal/letter-form";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;
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
  const tree = buildColumnTree(site.columns);
  const types = await listInteractionTypes(site.id);
  const entry = tree.find((column) => column.kind === "INTERACTION");
  const initialType = types.some((type) => type.code === query.type) ? query.type : undefined;
  return (
    <SiteFrame site={site} tree={tree} currentSlug={entry?.slug}>
      <nav className="breadcrumb" aria-label={t.breadcrumb}>
        {t.breadcrumb}：<a href="/">{t.home}</a>
        {entry ? (
          <>
            {" > "}
            <a href={`/columns/${entry.slug}`}>{entry.name}</a>
          </>
        ) : null}
        {" > "}
        {w.title}
      </nav>
      <section className="panel column-body">
        <h1>{w.title}</h1>
        {types.length ? (
          <LetterForm
            types={types.map(({ code, name, category, description }) => ({ code, name, category, description }))}
            initialType={initialType}
            initialPageUrl={initialType ? query.page : undefined}
          />
        ) : (
          <p className="empty">{messages.interaction.entry.none}</p>
        )}
      </section>
    </SiteFrame>
  );
}
