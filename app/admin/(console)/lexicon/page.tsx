// GET /admin/lexicon – the pre-check lexicon: sensitive words and official terms.
import { orPageError, requireActor } from "../guard";
import { getLexiconConfig } from "@/lib/review/workflows";
import { LexiconForm } from "@/components/review/lexicon-form";
import { saveLexiconAction } from "../workflows/actions";

export default async function LexiconPage() {
  const actor = await requireActor();
  const lexicon = await orPageError(getLexiconConfig(actor));
  return (
    <>
      <h1>预检词库</h1>
      <p>
        {lexicon.customised ? "本平台已自定义词库。" : "当前使用系统预置的词库，保存后即为本平台的词库。"}
        提交审核和每次生成新修订时按此词库自动预检。
      </p>
      <LexiconForm sensitive={lexicon.sensitive} terms={lexicon.terms} action={saveLexiconAction} />
    </>
  );
}
