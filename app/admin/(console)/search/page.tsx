// GET /admin/search – search synonyms (同义词), kept by the system administrator.
import { orPageError, requireActor } from "../guard";
import { getSynonymsForAdmin } from "@/lib/search/synonyms";
import { SynonymForm } from "@/components/admin/synonym-form";
import { saveSynonymsAction } from "./actions";

export default async function SearchSettingsPage() {
  const actor = await requireActor();
  const text = await orPageError(getSynonymsForAdmin(actor));
  return (
    <>
      <h1>搜索同义词</h1>
      <p>
        搜索其中任一个词语时，同组的其他词语也会被找到。每行一组，词语之间用“=”连接，例如“社保=社会保险”。保存后立即生效。
      </p>
      <p>当前共 {text ? text.split("\n").length : 0} 组同义词。</p>
      <SynonymForm text={text} action={saveSynonymsAction} />
    </>
  );
}
