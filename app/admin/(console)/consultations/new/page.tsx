// GET /admin/consultations/new – a new 征集调查: a consultation on a published draft or a survey, its
// times (China time), who may take part, the column it is published to, and up to 10 questions.
import { orPageError, requireActor } from "../../guard";
import { getConsultationFormOptions } from "@/lib/interaction/consult/admin-consultations";
import { toChinaDateTimeInput } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { ActionForm, Field } from "@/components/admin/action-form";
import { createConsultationAction } from "../actions";

const c = messages.consult;
const f = c.admin.fields;
const SLOTS = 10;

export default async function NewConsultationPage() {
  const actor = await requireActor();
  const options = await orPageError(getConsultationFormOptions(actor));
  const now = new Date();
  const inWeeks = new Date(now.getTime() + 14 * 86_400_000);
  return (
    <>
      <h1>{c.admin.create}</h1>
      <ActionForm action={createConsultationAction} submitLabel={c.admin.save}>
        <Field
          name="siteId"
          label={f.site}
          type="select"
          defaultValue={options.sites.length === 1 ? options.sites[0]!.id : undefined}
          options={options.sites.map((site) => ({ value: site.id, label: site.name }))}
        />
        <Field
          name="columnId"
          label={f.column}
          type="select"
          options={options.columns.map((column) => ({ value: column.id, label: column.label }))}
        />
        <Field
          name="kind"
          label={f.kind}
          type="select"
          defaultValue="DRAFT"
          options={Object.entries(c.kinds).map(([value, label]) => ({ value, label }))}
        />
        <Field name="title" label={f.title} />
        <Field name="intro" label={f.intro} type="textarea" />
        <Field
          name="draftResourceId"
          label={f.draft}
          type="select"
          options={options.drafts.map((draft) => ({
            value: draft.id,
            label: `${draft.title}（${messages.resourceKinds[draft.kind]}）`,
          }))}
        />
        <Field name="opensAt" label={f.opensAt} type="datetime-local" defaultValue={toChinaDateTimeInput(now)} />
        <Field name="closesAt" label={f.closesAt} type="datetime-local" defaultValue={toChinaDateTimeInput(inWeeks)} />
        <Field
          name="participation"
          label={f.participation}
          type="select"
          defaultValue="ANYONE"
          options={Object.entries(c.participation).map(([value, label]) => ({ value, label }))}
        />
        <p className="hint">{c.admin.questionsNote}</p>
        {Array.from({ length: SLOTS }, (_, index) => (
          <fieldset key={index} className="question-slot">
            <legend>{f.question(index + 1)}</legend>
            <Field id={`q${index}-prompt`} name={`questions.${index}.prompt`} label={f.prompt} />
            <Field
              id={`q${index}-kind`}
              name={`questions.${index}.kind`}
              label={f.questionKind}
              type="select"
              defaultValue="SINGLE"
              options={Object.entries(c.questionKinds).map(([value, label]) => ({ value, label }))}
            />
            <Field id={`q${index}-options`} name={`questions.${index}.options`} label={f.options} type="textarea" />
            <Field id={`q${index}-rating`} name={`questions.${index}.ratingMax`} label={f.ratingMax} type="number" />
            <label className="inline">
              <input type="checkbox" name={`questions.${index}.required`} defaultChecked /> {f.requiredAnswer}
            </label>
          </fieldset>
        ))}
      </ActionForm>
    </>
  );
}
