// GET /admin/oversight/framework – 检查指标: the indicator framework as the supervising unit keeps it
// (veto lines, 扣分 100, 加分 30), each line editable by the supervising unit, read-only for others.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { listFramework } from "@/lib/supervision/framework";
import { createPermissionChecker } from "@/lib/auth/permissions";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";
import { ActionForm, Field } from "@/components/admin/action-form";
import { saveIndicatorAction } from "../actions";

export const dynamic = "force-dynamic";

const m = messages.supervisionScores;
const f = m.framework;

export default async function FrameworkPage() {
  const actor = await requireActor();
  const lines = await orPageError(listFramework(actor));
  const canEdit = (await createPermissionChecker(actor))("supervision.framework.manage", "platform");
  const groups = (["WEBSITE", "NEW_MEDIA"] as const).flatMap((target) =>
    (["VETO", "DEDUCTION", "BONUS"] as const).map((part) => ({
      target,
      part,
      lines: lines.filter((line) => line.target === target && line.part === part),
    })),
  );
  return (
    <>
      <nav className="breadcrumb" aria-label="当前位置">
        <Link href="/admin">工作台</Link> › <Link href="/admin/oversight">{m.overview.title}</Link> › {f.title}
      </nav>
      <h1>{f.title}</h1>
      <p>{f.intro}</p>
      {groups.map((group) => {
        const sum = group.lines.filter((line) => line.active).reduce((total, line) => total + line.points, 0);
        return (
          <section key={`${group.target}-${group.part}`}>
            <h2>
              {m.targets[group.target]} · {m.parts[group.part]}
              {group.part === "VETO"
                ? null
                : `（${f.total(m.parts[group.part], sum, group.part === "BONUS" ? 30 : 100)}）`}
            </h2>
            <DataTable
              rows={group.lines}
              rowKey={(line) => line.id}
              label={`${m.targets[group.target]}${m.parts[group.part]}`}
              columns={[
                { header: f.code, cell: (line) => line.code },
                { header: f.category, cell: (line) => line.category },
                { header: f.name, cell: (line) => line.name },
                { header: f.rule, cell: (line) => line.rule },
                { header: f.points, cell: (line) => (group.part === "VETO" ? "—" : line.points) },
                {
                  header: f.checks,
                  cell: (line) => (line.checkNames.length ? <code>{line.checkNames.join(", ")}</code> : "人工"),
                },
                { header: f.active, cell: (line) => (line.active ? "是" : "否") },
              ]}
            />
            {canEdit
              ? group.lines.map((line) => (
                  <details key={line.id}>
                    <summary>
                      修改 {line.code} {line.name}
                    </summary>
                    <ActionForm action={saveIndicatorAction} submitLabel={`${f.save} ${line.code}`}>
                      <input type="hidden" name="id" value={line.id} />
                      <input type="hidden" name="version" value={line.version} />
                      <Field
                        id={`category-${line.id}`}
                        name="category"
                        label={f.category}
                        defaultValue={line.category}
                      />
                      <Field id={`name-${line.id}`} name="name" label={f.name} defaultValue={line.name} />
                      <Field
                        id={`rule-${line.id}`}
                        name="rule"
                        type="textarea"
                        label={f.rule}
                        defaultValue={line.rule}
                      />
                      <Field
                        id={`points-${line.id}`}
                        name="points"
                        type="number"
                        label={f.points}
                        defaultValue={line.points}
                      />
                      <Field
                        id={`checks-${line.id}`}
                        name="checkNames"
                        label={`${f.checks}（${f.checksHint}）`}
                        defaultValue={line.checkNames.join(", ")}
                      />
                      <Field
                        id={`active-${line.id}`}
                        name="active"
                        type="select"
                        label={f.active}
                        defaultValue={line.active ? "true" : "false"}
                        options={[
                          { value: "true", label: "是" },
                          { value: "false", label: "否" },
                        ]}
                      />
                    </ActionForm>
                  </details>
                ))
              : null}
          </section>
        );
      })}
    </>
  );
}
