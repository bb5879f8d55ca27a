import Link from "next/link";
import { ActionForm } from "@/components/admin/action-form";
import { messages } from "@/lib/i18n/zh-CN";
import { letterStepAction } from "../actions";

// 采纳为答问: once the letter and its reply are published (留言选登), the lead unit's handler makes a
// draft 答问 from them; the draft opens in the library editor.

const t = messages.qa.adopt;

type Props = { letterId: string; published: boolean; adoption: { entryId: string | null; canAdopt: boolean } };

export function AdoptReplyForm({ letterId, published, adoption }: Props) {
  if (adoption.entryId)
    return (
      <section aria-labelledby="letter-adopt">
        <h2 id="letter-adopt">{t.title}</h2>
        <p>
          {t.adopted}：<Link href={`/admin/library/${adoption.entryId}`}>{t.open}</Link>
        </p>
      </section>
    );
  if (!published || !adoption.canAdopt) return null;
  return (
    <section aria-labelledby="letter-adopt">
      <h2 id="letter-adopt">{t.title}</h2>
      <p>{t.hint}</p>
      <ActionForm action={letterStepAction} submitLabel={t.button}>
        <input type="hidden" name="step" value="adopt" />
        <input type="hidden" name="letterId" value={letterId} />
      </ActionForm>
    </section>
  );
}
