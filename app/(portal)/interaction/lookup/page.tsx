// GET /interaction/lookup – 留言查询: the writer follows a letter by 查询码 and password and rates the reply.
import type { Metadata } from "next";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { buildColumnTree } from "@/lib/sites/portal";
import { portalMetadata } from "@/lib/sites/meta";
import { SiteFrame } from "@/components/portal/site-frame";
import { LetterLookup } from "@/components/portal/letter-lookup";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;
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
  const tree = buildColumnTree(site.columns);
  const entry = tree.find((column) => column.kind === "INTERACTION");
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
        {l.title}
      </nav>
      <section className="panel column-body">
        <h1>{l.title}</h1>
        <p>{l.intro}</p>
        <LetterLookup />
      </section>
    </SiteFrame>
  );
}
