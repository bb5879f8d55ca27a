// GET /admin/library/import – import a .docx file into a new draft.
import { orPageError, requireActor } from "../../guard";
import { importDocxAction } from "../actions";
import { KIND_CHOICES, listActionableOrgs } from "@/lib/org/options";
import { ActionForm, Field } from "@/components/admin/action-form";

export default async function ImportPage() {
  const actor = await requireActor();
  const orgs = await orPageError(listActionableOrgs(actor, "resource.create"));
  return (
    <>
      <h1>导入 Word 文档</h1>
      <p>
        支持 .docx 文件：标题、各级标题、列表、表格和文中图片会一并导入，图片存入资源库。.doc/.wps 文件请先另存为
        .docx。
      </p>
      <ActionForm action={importDocxAction} submitLabel="导入">
        <div className="field">
          <label htmlFor="file">Word 文档</label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            required
          />
        </div>
        <Field name="kind" label="类型" type="select" options={KIND_CHOICES} defaultValue="ARTICLE" required />
        <Field
          name="ownerOrgId"
          label="所属单位"
          type="select"
          options={orgs}
          defaultValue={orgs.length === 1 ? orgs[0]!.value : undefined}
          required
        />
      </ActionForm>
    </>
  );
}
