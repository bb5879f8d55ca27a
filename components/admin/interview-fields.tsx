import { Field } from "@/components/admin/action-form";
import { MAX_GUESTS } from "@/lib/interaction/interview/schemas";
import { toChinaDateTimeInput } from "@/lib/time/china";
import { messages } from "@/lib/i18n/zh-CN";

// The fields of an interview announcement (新建 and 修改): topic, time, summary and up to
// MAX_GUESTS guest rows, each with an optional photo (a kept photo is sent back by its id).

const f = messages.interview.fields;

export type InterviewDefaults = {
  topic: string;
  summary: string;
  startsAt: Date;
  endsAt: Date;
  guests: { name: string; title: string; unit: string; photoAssetId: string | null }[];
};

export function InterviewFields({ defaults }: { defaults?: InterviewDefaults }) {
  const rows = Array.from({ length: MAX_GUESTS }, (_, index) => defaults?.guests[index]);
  return (
    <>
      <Field name="topic" label={f.topic} defaultValue={defaults?.topic} required />
      <Field
        name="startsAt"
        label={f.startsAt}
        type="datetime-local"
        defaultValue={defaults ? toChinaDateTimeInput(defaults.startsAt) : undefined}
        required
      />
      <Field
        name="endsAt"
        label={f.endsAt}
        type="datetime-local"
        defaultValue={defaults ? toChinaDateTimeInput(defaults.endsAt) : undefined}
        required
      />
      <Field name="summary" label={f.summary} type="textarea" defaultValue={defaults?.summary} required />
      {rows.map((guest, index) => (
        <fieldset key={index}>
          <legend>
            {f.guests} {index + 1}
          </legend>
          <Field name={`guests.${index}.name`} label={f.guestName} defaultValue={guest?.name} />
          <Field name={`guests.${index}.title`} label={f.guestTitle} defaultValue={guest?.title} />
          <Field name={`guests.${index}.unit`} label={f.guestUnit} defaultValue={guest?.unit} />
          {guest?.photoAssetId ? (
            <>
              <input type="hidden" name={`guests.${index}.photoAssetId`} value={guest.photoAssetId} />
              {/* The current photo, replaced if another file is chosen. */}
              <img src={`/api/assets/${guest.photoAssetId}?variant=thumbnail`} alt={guest.name} width={60} />
            </>
          ) : null}
          <Field name={`guests.${index}.photo`} label={f.guestPhoto} type="file" accept=".jpg,.jpeg,.png,.gif,.webp" />
        </fieldset>
      ))}
    </>
  );
}
