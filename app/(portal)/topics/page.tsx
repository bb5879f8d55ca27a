// GET /topics – 专题专栏: every 专题 of the current site with its banner, intro and newest update.
import type { Metadata } from "next";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { buildColumnTree } from "@/lib/sites/portal";
import { listTopics } from "@/lib/sites/topics";
import { portalMetadata } from "@/lib/sites/meta";
import { SiteFrame } from "@/components/portal/site-frame";
import { TopicIndex } from "@/components/portal/topic-index";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;

export async function generateMetadata(): Promise<Metadata> {
  const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
  return portalMetadata({ site, baseUrl, path: "/topics", title: t.topics, column: { name: t.topics, kind: "TOPIC" } });
}

export default async function TopicsPage() {
  const site = await getCurrentSite();
  const topics = await listTopics(site);
  return (
    <SiteFrame site={site} tree={buildColumnTree(site.columns)}>
      <nav className="breadcrumb" aria-label={t.breadcrumb}>
        {t.breadcrumb}：<a href="/">{t.home}</a> &gt; {t.topics}
      </nav>
      <section className="panel column-body">
        <h1>{t.topics}</h1>
        <TopicIndex topics={topics} />
      </section>
    </SiteFrame>
  );
}
