// GET /admin/orgs/:id – a host unit's first and directly responsible persons, and their history.
import { notFound } from "next/navigation";
import { z } from "zod";
import { orPageError, requireActor } from "../../guard";
import { listResponsibilities } from "@/lib/org/memberships";
import { formatDateTime } from "@/lib/format";
import { ActionForm, Field } from "@/components/admin/action-form";
import { assignResponsibilityAction } from "../actions";
import { DataTable } from "@/components/ui/data-table";
import { messages } from "@/lib/i18n/zh-CN";

const KIND_LABELS = messages.responsibilityKinds;

export default async function ResponsibilityPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const parsed = z.uuid().safeParse((await params).id);
  if (!parsed.success) notFound();
  const data = await orPageError(listResponsibilities(actor, parsed.data));
  return (
    <>
      <h1>{data.org.name} · 责任人</h1>
      {(["FIRST", "DIRECT"] as const).map((kind) => {
        const current = data.history.find((row) => row.kind === kind && row.endedAt === null);
        return (
          <section className="card" key={kind} aria-labelledby={`kind-${kind}`} style={{ marginBottom: "1rem" }}>
            <h2 id={`kind-${kind}`}>
              {KIND_LABELS[kind]}：{current ? current.user : "未指定"}
            </h2>
            {data.canAssign ? (
              <ActionForm action={assignResponsibilityAction} submitLabel="指定">
                <input type="hidden" name="orgId" value={parsed.data} />
                <input type="hidden" name="kind" value={kind} />
                <Field
                  name="userId"
                  label={`新的${KIND_LABELS[kind]}（须在本单位担任该角色）`}
                  type="select"
                  options={data.candidates[kind].map((user) => ({ value: user.id, label: user.displayName }))}
                  required
                />
              </ActionForm>
            ) : null}
            <DataTable
              rows={data.history.filter((row) => row.kind === kind)}
              rowKey={(row) => row.id}
              caption={`${KIND_LABELS[kind]}任职记录`}
              captionHidden
              columns={[
                { header: "姓名", cell: (row) => row.user },
                { header: "起", cell: (row) => formatDateTime(row.startedAt) },
                { header: "止", cell: (row) => (row.endedAt ? formatDateTime(row.endedAt) : "至今") },
                { header: "指定人", cell: (row) => row.assignedBy ?? "—" },
              ]}
              empty="暂无任职记录。"
            />
          </section>
        );
      })}
    </>
  );
}
