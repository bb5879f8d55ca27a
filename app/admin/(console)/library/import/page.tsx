// GET /admin/library/import – import a .docx file into a new draft.
import { orPageError, requireActor } from "../../guard";
import { importDocxAction } from "../actions";
import { KIND_CHOICES, listActionableOrgs } from "@/lib/org/options";
import { ImportForm } from "@/components/admin/import-form";

export default async function ImportPage() {
  const actor = await requireActor();
  const orgs = await orPageError(listActionableOrgs(actor, "resource.create"));
  return (
    <>
      <h1>导入 Word 文档</h1>
      <p>
        支持 .docx 文件（Word、WPS、LibreOffice
        均可）：标题、各级标题、列表、表格、脚注和尾注、居中和居右的段落、文中图片会一并导入，图片存入资源库。
        未能按原样导入的内容会逐条列出。.doc/.wps 文件请先另存为 .docx。
      </p>
      <ImportForm action={importDocxAction} kinds={KIND_CHOICES} orgs={orgs} />
    </>
  );
}
