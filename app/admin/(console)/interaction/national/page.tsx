// GET /admin/interaction/national – 登记国家平台留言: a handler registers a message the national
// 我为政府网站找错 platform forwarded (留言编号, 转办时间, the page, what the platform gave of the writer).
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { listNationalSites } from "@/lib/interaction/national/admin-views";
import { toChinaDateTimeInput } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { ActionForm, Field } from "@/components/admin/action-form";
import { registerNationalAction } from "./actions";

const t = messages.interaction.national;

export default async function RegisterNationalPage() {
  const actor = await requireActor();
  const sites = await orPageError(listNationalSites(actor));
  return (
    <>
      <p>
        <Link href="/admin/interaction?channel=NATIONAL">返回{t.list}</Link>
      </p>
      <h1>{t.register}</h1>
      <p>{t.intro}</p>
      {sites.length ? (
        <ActionForm action={registerNationalAction} submitLabel={t.submit}>
          <Field
            name="siteId"
            label={t.site}
            type="select"
            defaultValue={sites.length === 1 ? sites[0]!.id : undefined}
            options={sites.map((site) => ({ value: site.id, label: site.name }))}
            required
          />
          <Field name="externalRef" label={t.externalRef} required />
          <Field
            name="forwardedAt"
            label={t.forwardedAt}
            type="datetime-local"
            defaultValue={toChinaDateTimeInput(new Date())}
            required
          />
          <p>{t.forwardedAtHint}</p>
          <Field name="pageUrl" label={t.pageUrl} required />
          <Field name="title" label={t.subject} required />
          <Field name="content" label={t.content} type="textarea" required />
          <Field name="writerName" label={t.writerName} />
          <Field name="writerPhone" label={t.writerPhone} />
          <Field name="writerEmail" label={t.writerEmail} />
        </ActionForm>
      ) : (
        <p className="empty">{t.noSite}</p>
      )}
    </>
  );
}
