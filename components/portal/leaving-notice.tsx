import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;

/**
 * 您即将离开本网站: shown before a visitor follows a link to a non-government site. It names the
 * destination and offers a link; it never forwards by itself, so it cannot serve as a redirect.
 */
export function LeavingNotice({ siteName, name, url }: { siteName: string; name: string; url: string }) {
  return (
    <section className="panel leaving-notice" aria-labelledby="leaving-title">
      <h1 id="leaving-title">{t.leavingTitle}</h1>
      <p>{t.leavingBody}</p>
      <p>
        {name}：<span className="leaving-url">{url}</span>
      </p>
      <p>
        <a className="button-inline" href={url} rel="noopener noreferrer nofollow">
          {t.leavingContinue}
        </a>
        　
        <a href="/">
          {t.leavingBack}
          {`（${siteName}）`}
        </a>
      </p>
    </section>
  );
}
