// GET /matrix – 政务新媒体矩阵: the registered new-media accounts of this site's unit and the units
// below it, grouped by unit, with the cancellation announcements (注销公告) now running.
import type { Metadata } from "next";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { buildColumnTree } from "@/lib/sites/portal";
import { portalMetadata } from "@/lib/sites/meta";
import { getNewMediaMatrix } from "@/lib/registry/get-new-media-matrix";
import { chineseDay } from "@/lib/calendar/working-days";
import { SiteFrame } from "@/components/portal/site-frame";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;
const m = messages.matrix;

export async function generateMetadata(): Promise<Metadata> {
  const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
  return portalMetadata({ site, baseUrl, path: "/matrix", title: m.title, column: { name: m.title, kind: "OTHER" } });
}

export default async function NewMediaMatrixPage() {
  const site = await getCurrentSite();
  const tree = buildColumnTree(site.columns);
  const matrix = await getNewMediaMatrix(site.orgId);
  return (
    <SiteFrame site={site} tree={tree}>
      <nav className="breadcrumb" aria-label={t.breadcrumb}>
        {t.breadcrumb}：<a href="/">{t.home}</a>
        {" > "}
        {m.title}
      </nav>
      <section className="panel matrix-page" aria-labelledby="matrix-title">
        <h1 id="matrix-title">{m.title}</h1>
        <p>{m.intro(matrix.region)}</p>
        {matrix.units.length === 0 ? <p className="empty">{m.empty}</p> : null}
        {matrix.units.map((unit) => (
          <section key={unit.orgId} aria-label={unit.unit}>
            <h2>{unit.unit}</h2>
            <table className="simple">
              <thead>
                <tr>
                  <th scope="col">{m.platform}</th>
                  <th scope="col">{m.name}</th>
                  <th scope="col">{m.handle}</th>
                </tr>
              </thead>
              <tbody>
                {unit.accounts.map((account) => (
                  <tr key={account.id}>
                    <td>{account.platformLabel}</td>
                    <td>
                      {account.name}
                      {account.status === "SUSPENDED" ? `（${m.suspended}）` : null}
                      {account.status === "CANCELLING" && account.cancelEffectiveOn
                        ? `（${m.cancelling(chineseDay(account.cancelEffectiveOn))}）`
                        : null}
                    </td>
                    <td>{account.handle ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </section>
      <section className="panel" aria-labelledby="announcements-title">
        <h2 id="announcements-title">{m.announcements}</h2>
        {matrix.announcements.length === 0 ? <p className="empty">{m.noAnnouncements}</p> : null}
        {matrix.announcements.map((item) => (
          <article key={item.id} className="matrix-announcement">
            <h3>
              {item.unit} {item.platformLabel}“{item.name}”
            </h3>
            <p>
              {m.effectiveOn}：{item.effectiveOnText}
              {item.announcedOn ? `　${t.publishedOn}：${chineseDay(item.announcedOn)}` : null}
            </p>
            <p style={{ whiteSpace: "pre-wrap" }}>{item.notice}</p>
          </article>
        ))}
      </section>
    </SiteFrame>
  );
}
