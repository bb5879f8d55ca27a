import { ActionForm, Field } from "@/components/admin/action-form";
import type { getLetter } from "@/lib/interaction/handling/get-letter";
import { formatDateTime, toChinaDateTimeInput } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { recordPlatformEntryAction } from "../national/actions";

// 国家平台反馈: the approved reply of a national 找错 message, shown whole to be copied onto the
// national platform, and the form recording when it was entered there (which closes the message).

const t = messages.interaction.national;
type Letter = Awaited<ReturnType<typeof getLetter>>;

export function NationalEntry({ letter }: { letter: Letter }) {
  if (letter.channel !== "NATIONAL") return null;
  const approved = letter.replies.filter((reply) => reply.status === "APPROVED").at(-1);
  if (!approved) return null;
  return (
    <section aria-labelledby="national-entry">
      <h2 id="national-entry">{t.entryTitle}</h2>
      {letter.platformEnteredAt ? (
        <p>
          {t.enteredOn}：{formatDateTime(letter.platformEnteredAt)}
        </p>
      ) : (
        <p>{t.entryIntro}</p>
      )}
      <div className="field">
        <label htmlFor="national-reply-text">{t.replyText}</label>
        <textarea id="national-reply-text" readOnly rows={6} value={approved.body} />
      </div>
      {letter.steps.platformEntry ? (
        <ActionForm action={recordPlatformEntryAction} submitLabel={t.enter}>
          <input type="hidden" name="letterId" value={letter.id} />
          <input type="hidden" name="version" value={letter.version} />
          <Field
            name="enteredAt"
            label={t.enteredAt}
            type="datetime-local"
            defaultValue={toChinaDateTimeInput(new Date())}
            required
          />
        </ActionForm>
      ) : null}
    </section>
  );
}
