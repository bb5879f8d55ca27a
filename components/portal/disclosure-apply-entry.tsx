import { messages } from "@/lib/i18n/zh-CN";

// The 依申请公开 entry of a site's 政府信息公开 catalogue (条例第二十七条): what may be asked and
// how, with the way to the online application form and to the status page.

const t = messages.disclosure.entry;

export function DisclosureApplyEntry({ withIntro = true }: { withIntro?: boolean }) {
  return (
    <div className="disclosure-apply-entry">
      {withIntro ? <p>{t.intro}</p> : null}
      <p>
        <a className="button-inline" href="/disclosure/apply">
          {t.apply}
        </a>{" "}
        <a className="button-inline" href="/disclosure/lookup">
          {t.lookup}
        </a>
      </p>
    </div>
  );
}
