// GET /admin/interviews/new – announce an interview (访谈预告) on a site the actor runs.
import { orPageError, requireActor } from "../../guard";
import { listInterviewSites } from "@/lib/interaction/interview/list-interviews";
import { ActionForm, Field } from "@/components/admin/action-form";
import { InterviewFields } from "@/components/admin/interview-fields";
import { messages } from "@/lib/i18n/zh-CN";
import { createInterviewAction } from "../actions";

const t = messages.interview;

export default async function NewInterviewPage() {
  const actor = await requireActor();
  const sites = await orPageError(listInterviewSites(actor));
  return (
    <>
      <h1>{t.admin.create}</h1>
      <ActionForm action={createInterviewAction} submitLabel={t.admin.create}>
        <Field
          name="siteId"
          label={t.fields.site}
          type="select"
          required
          defaultValue={sites.length === 1 ? sites[0]!.id : undefined}
          options={sites.map((site) => ({ value: site.id, label: site.name }))}
        />
        <InterviewFields />
      </ActionForm>
    </>
  );
}
