// GET /admin/orgs – the organization tree the actor may see, with the changes they may make.
import Link from "next/link";
import { orPageError, requireActor } from "../guard";
import { listOrganizationTree, type OrgNode } from "@/lib/org/organizations";
import { listOrgChoices } from "@/lib/org/options";
import { ActionForm, Field } from "@/components/admin/action-form";
import { createOrgAction, moveOrgAction, renameOrgAction, setOrgActiveAction } from "./actions";
import { messages } from "@/lib/i18n/zh-CN";

const KIND_CHOICES = [
  { value: "HOST", label: messages.orgKinds.HOST },
  { value: "SECTION", label: `${messages.orgKinds.SECTION}（${messages.orgKindHints.SECTION}）` },
];

function Node({ node, parents }: { node: OrgNode; parents: { value: string; label: string }[] }) {
  return (
    <li>
      <span className={node.active ? undefined : "inactive"}>{node.name}</span>
      <span className="badge">{messages.orgKinds[node.kind]}</span>
      {node.kind === "HOST" ? (
        <>
          {" "}
          <Link href={`/admin/orgs/${node.id}`}>责任人</Link>
        </>
      ) : null}
      {node.canManage ? (
        <details className="inline-details">
          <summary>管理</summary>
          <ActionForm action={renameOrgAction} submitLabel="更名">
            <input type="hidden" name="orgId" value={node.id} />
            <Field name="name" label="名称" defaultValue={node.name} required />
            <Field name="shortName" label="简称" defaultValue={node.shortName ?? ""} />
          </ActionForm>
          <ActionForm action={moveOrgAction} submitLabel="移动">
            <input type="hidden" name="orgId" value={node.id} />
            <Field
              name="parentId"
              label="新的上级单位"
              type="select"
              options={parents.filter((p) => p.value !== node.id)}
              required
            />
          </ActionForm>
          <ActionForm
            action={setOrgActiveAction}
            submitLabel={node.active ? "停用" : "启用"}
            confirm={node.active ? `确定停用“${node.name}”？` : undefined}
          >
            <input type="hidden" name="orgId" value={node.id} />
            <input type="hidden" name="active" value={String(!node.active)} />
          </ActionForm>
        </details>
      ) : null}
      {node.children.length ? (
        <ul>
          {node.children.map((child) => (
            <Node key={child.id} node={child} parents={parents} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export default async function OrganizationsPage() {
  const actor = await requireActor();
  const [tree, parents] = await orPageError(
    Promise.all([listOrganizationTree(actor), listOrgChoices(actor, "org.manage")]),
  );
  return (
    <>
      <h1>组织机构</h1>
      <p>单位一经建立不会删除（其信息、人员和审计记录都指向它），不再使用的单位请停用。</p>
      <div className="org-tree">
        <ul>
          {tree.map((node) => (
            <Node key={node.id} node={node} parents={parents} />
          ))}
        </ul>
      </div>
      {parents.length > 0 ? (
        <section className="card" aria-labelledby="new-org">
          <h2 id="new-org">新建单位</h2>
          <ActionForm action={createOrgAction} submitLabel="新建">
            <Field name="parentId" label="上级单位" type="select" options={parents} required />
            <Field name="name" label="名称" required />
            <Field name="shortName" label="简称" />
            <Field name="kind" label="类型" type="select" options={KIND_CHOICES} required />
            <Field name="code" label="统一社会信用代码（主办单位）" />
          </ActionForm>
        </section>
      ) : null}
    </>
  );
}
