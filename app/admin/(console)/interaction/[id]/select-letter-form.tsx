import { ActionForm } from "@/components/admin/action-form";
import type { getLetter } from "@/lib/interaction/handling/get-letter";
import { findPersonalData, segmentText, type PersonalSpan } from "@/lib/interaction/publish/deidentify";
import { messages } from "@/lib/i18n/zh-CN";
import { letterStepAction } from "../actions";

// 留言选登 for the lead unit's handler: the personal data the detectors found, highlighted in the
// letter and the reply, each a mask to confirm (checked) or release, and a box for further masks.

const p = messages.interaction.publish;
type Letter = Awaited<ReturnType<typeof getLetter>>;

function Highlighted({ text, spans }: { text: string; spans: PersonalSpan[] }) {
  return (
    <p className="letter-body">
      {segmentText(text, spans).map((segment, index) =>
        segment.span ? (
          <mark key={index} title={segment.span.label}>
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </p>
  );
}

export function SelectLetterForm({ letter }: { letter: Letter }) {
  if (letter.publicCopy === "IN_REVIEW" || letter.publicCopy === "PUBLISHED")
    return (
      <section aria-labelledby="letter-select">
        <h2 id="letter-select">{p.title}</h2>
        <p>{letter.publicCopy === "PUBLISHED" ? p.published : p.selected}</p>
      </section>
    );
  if (!letter.steps.select) return null;
  const reply = letter.replies.filter((candidate) => candidate.status === "APPROVED").at(-1);
  const texts = [letter.title, letter.content, reply?.body ?? ""];
  const found = texts.map((text) => findPersonalData(text, letter.writer));
  const masks = [...new Map(found.flat().map((span) => [span.text, span])).values()];
  return (
    <section aria-labelledby="letter-select">
      <h2 id="letter-select">{p.title}</h2>
      {letter.publicCopy === "RETURNED" ? <p role="status">{p.returned}</p> : null}
      <p>{p.intro}</p>
      <h3>留言内容</h3>
      <Highlighted text={letter.content} spans={found[1]!} />
      {reply ? (
        <>
          <h3>答复内容</h3>
          <Highlighted text={reply.body} spans={found[2]!} />
        </>
      ) : null}
      <ActionForm action={letterStepAction} submitLabel={p.submit}>
        <input type="hidden" name="step" value="select" />
        <input type="hidden" name="letterId" value={letter.id} />
        <input type="hidden" name="version" value={letter.version} />
        <fieldset>
          <legend>{p.detected}</legend>
          {masks.length === 0 ? <p>{p.noneDetected}</p> : null}
          {masks.map((span) => (
            <label key={span.text} className="checkbox">
              <input type="checkbox" name="masks" value={span.text} defaultChecked /> {span.label}：{span.text}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="extra-masks">{p.extra}</label>
          <textarea id="extra-masks" name="extraMasks" rows={3} maxLength={2000} />
        </div>
      </ActionForm>
    </section>
  );
}
