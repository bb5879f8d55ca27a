import type { PortalSite } from "@/lib/sites/portal";
import { messages } from "@/lib/i18n/zh-CN";
import { buildErrorReportHref, correctionHref, ICP_LOOKUP_URL, psbRecordHref } from "@/lib/sites/identity-links";

const t = messages.portal;

// The portal footer with what national inspection looks for on every page: the 党政机关网站标识,
// the 我为政府网站找错 entry (a plain link: no external script, no image from elsewhere), the site's
// own 网站纠错 entry, 主办/承办单位, contact, 网站标识码 and the two 备案 numbers with their records.

/** Our own drawing of a 党政机关 badge (not the official artwork), when no image was uploaded. */
function DefaultBadge() {
  return (
    <svg
      className="footer-badge-image"
      viewBox="0 0 120 48"
      width="120"
      height="48"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="1" y="1" width="118" height="46" rx="6" fill="#c4161c" stroke="#8f0f13" strokeWidth="2" />
      <circle cx="24" cy="24" r="15" fill="none" stroke="#fff" strokeWidth="2" />
      <path fill="#fff" d="M24 13l2.6 6.6 7.1.4-5.5 4.5 1.8 6.9L24 27.5l-6 3.9 1.8-6.9-5.5-4.5 7.1-.4z" />
      <text x="78" y="30" fill="#fff" fontSize="16" fontWeight="700" textAnchor="middle" letterSpacing="1">
        党政机关
      </text>
    </svg>
  );
}

function Badge({ site }: { site: PortalSite }) {
  const image = site.badgeAssetId ? (
    <img className="footer-badge-image" src={`/api/assets/${site.badgeAssetId}`} alt="" width={120} height={48} />
  ) : (
    <DefaultBadge />
  );
  return site.badgeUrl ? (
    <a className="footer-badge" href={site.badgeUrl} rel="noopener" aria-label={t.badge}>
      {image}
    </a>
  ) : (
    <span className="footer-badge" role="img" aria-label={t.badge}>
      {image}
    </span>
  );
}

/** `pages`: the site's columns kept out of the main navigation (关于本站, 联系我们 …), linked here. */
export function SiteFooter({
  site,
  pageUrl,
  pages,
}: {
  site: PortalSite;
  pageUrl: string;
  pages: { id: string; name: string; href: string }[];
}) {
  const psbHref = site.psbNumber ? psbRecordHref(site.psbNumber) : null;
  const contact = [
    site.contactAddress ? `${t.contactAddress}：${site.contactAddress}` : null,
    site.contact ? `${t.contactPhone}：${site.contact}` : null,
  ].filter(Boolean);
  return (
    <footer className="site-footer">
      <div className="container footer-identity">
        <Badge site={site} />
        <div className="footer-info">
          <p className="footer-links">
            <a href="/sitemap">{t.siteMap}</a>
            <a href="/feed.xml">{t.feed}</a>
            <a href="/matrix">{messages.matrix.title}</a>
            <a href={correctionHref(pageUrl)}>{t.correction}</a>
            {pages.map((page) => (
              <a key={page.id} href={page.href}>
                {page.name}
              </a>
            ))}
          </p>
          <p>
            {t.organizer}：{site.organizerName ?? site.org.name}
            {site.operatorName ? `　${t.operator}：${site.operatorName}` : null}
          </p>
          {contact.length || site.contactEmail ? (
            <p>
              {contact.join("　")}
              {site.contactEmail ? (
                <>
                  {contact.length ? "　" : null}
                  {t.contactEmail}：<a href={`mailto:${site.contactEmail}`}>{site.contactEmail}</a>
                </>
              ) : null}
            </p>
          ) : null}
          <p>
            {t.siteCode}：{site.siteCode}
            {site.icpNumber ? (
              <>
                {"　"}
                <a href={ICP_LOOKUP_URL} rel="noopener">
                  {site.icpNumber}
                </a>
              </>
            ) : null}
            {site.psbNumber ? (
              <>
                {"　"}
                {psbHref ? (
                  <a href={psbHref} rel="noopener">
                    {site.psbNumber}
                  </a>
                ) : (
                  site.psbNumber
                )}
              </>
            ) : null}
          </p>
        </div>
        <a
          className="footer-error-report"
          href={buildErrorReportHref(site.errorReportUrl, site.siteCode, pageUrl)}
          rel="noopener"
        >
          {t.errorReport}
        </a>
      </div>
    </footer>
  );
}
