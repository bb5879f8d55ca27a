// GET /columns/:slug?page=N – one column of the current site with its published items.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getCurrentSite } from "../../current-site";
import { getColumnPage } from "@/lib/sites/portal";
import { governmentMetaTags } from "@/lib/sites/meta";
import { SiteFrame } from "@/components/portal/site-frame";
import { ItemList } from "@/components/portal/item-list";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;
const ZParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,64}$/) });
const ZSearch = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) });

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[]>> };

async function load({ params, searchParams }: Props) {
  const parsed = ZParams.safeParse(await params);
  if (!parsed.success) notFound();
  const { page } = ZSearch.parse(await searchParams);
  const site = await getCurrentSite();
  const data = await getColumnPage(site, parsed.data.slug, page);
  if (!data) notFound();
  return { site, page, ...data };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { site, column } = await load(props);
  return {
    title: `${column.name} - ${site.name}`,
    other: governmentMetaTags({ siteName: site.name, siteCode: site.siteCode, column }),
  };
}

export default async function ColumnPage(props: Props) {
  const { site, tree, column, items, page, pageCount } = await load(props);
  const topSlug = tree.find((top) => top.slug === column.slug || top.children.some((c) => c.slug === column.slug))?.slug;
  return (
    <SiteFrame site={site} tree={tree} currentSlug={topSlug}>
      <nav className="breadcrumb" aria-label={t.breadcrumb}>
        {t.breadcrumb}：<Link href="/">{t.home}</Link> &gt; {column.name}
      </nav>
      <section className="panel">
        <h1 style={{ fontSize: "1.3rem", margin: "0 0 .75rem" }}>{column.name}</h1>
        <ItemList items={items} showDocNumber={column.kind === "POLICY_LIBRARY"} />
        {pageCount > 1 ? (
          <nav className="pagination" aria-label="分页">
            {page > 1 ? <Link href={`/columns/${column.slug}?page=${page - 1}`}>{t.previousPage}</Link> : null}
            <span>{t.page(page, pageCount)}</span>
            {page < pageCount ? <Link href={`/columns/${column.slug}?page=${page + 1}`}>{t.nextPage}</Link> : null}
          </nav>
        ) : null}
      </section>
    </SiteFrame>
  );
}
