// GET /admin/library/new – start a new resource: its kind and owning unit.
import { orPageError, requireActor } from "../../guard";
import { createResourceAction } from "../actions";
import { KIND_CHOICES, listActionableOrgs } from "@/lib/org/options";
import { ActionForm, Field } from "@/components/admin/action-form";

export default async function NewResourcePage() {
  const actor = await requireActor();
  const orgs = await orPageError(listActionableOrgs(actor, "resource.create"));
  return (
    <>
      <h1>新建稿件</h1>
      <ActionForm action={createResourceAction} submitLabel="开始编辑">
        <Field name="kind" label="类型" type="select" options={KIND_CHOICES} required />
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
