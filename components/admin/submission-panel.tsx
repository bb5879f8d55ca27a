import Link from "next/link";
import type { ActionResult } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { ActionForm, Field } from "@/components/admin/action-form";

// 报送 on an approved library item: to a site that takes submissions (seed 004: 信息员报送).

const t = messages.submission;
type Action = (state: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown> | null>;

export function SubmissionPanel({
  resourceId,
  sites,
  action,
}: {
  resourceId: string;
  sites: { id: string; name: string; pending: boolean }[];
  action: Action;
}) {
  const open = sites.filter((site) => !site.pending);
  return (
    <section className="panel" aria-labelledby="submission-heading">
      <h2 id="submission-heading">{t.actions.submit}</h2>
      <p>
        {t.submitHint} <Link href="/admin/submissions">{t.mineTitle}</Link>
      </p>
      {sites.some((site) => site.pending) ? (
        <p>
          {t.states.SUBMITTED}：
          {sites
            .filter((site) => site.pending)
            .map((site) => site.name)
            .join("、")}
        </p>
      ) : null}
      {open.length ? (
        <ActionForm action={action} submitLabel={t.actions.submit}>
          <input type="hidden" name="resourceId" value={resourceId} />
          <Field
            name="siteId"
            id="submission-site"
            type="select"
            label={t.fields.toSite}
            options={open.map((site) => ({ value: site.id, label: site.name }))}
          />
          <Field name="note" id="submission-note" label={t.fields.note} />
        </ActionForm>
      ) : sites.length === 0 ? (
        <p>{t.noTargets}</p>
      ) : null}
    </section>
  );
}
