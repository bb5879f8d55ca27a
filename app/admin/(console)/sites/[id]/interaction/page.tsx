// GET /admin/sites/:id/interaction – 留言类型: the site administrator adds, edits, orders and
// deactivates the message types of the site (letters already received keep their limits).
import Link from "next/link";
import type { ReactNode } from "react";
import { orPageError, requireActor } from "../../../guard";
import { listTypesForAdmin } from "@/lib/interaction/types/arrange-types";
import { messages } from "@/lib/i18n/zh-CN";
import { ActionForm } from "@/components/admin/action-form";
import { DataTable } from "@/components/ui/data-table";
import { deleteTypeAction, moveTypeAction, setTypeActiveAction } from "./actions";
import { TypeForm } from "./type-form";

const t = messages.interaction.typeEditor;
type Props = { params: Promise<{ id: string }> };
type Row = Awaited<ReturnType<typeof listTypesForAdmin>>["types"][number];

function limitsOf(type: Row) {
  const reply = type.replyHours ? `${type.replyHours} 小时` : `${type.replyWorkingDays} 个工作日`;
  return t.limits(type.acceptWorkingDays, reply, type.replyHours ? "不可延期" : `${type.maxWorkingDays} 个工作日`);
}

function Step({ siteId, type, children }: { siteId: string; type: Row; children?: ReactNode }) {
  return (
    <>
      <input type="hidden" name="siteId" value={siteId} />
      <input type="hidden" name="typeId" value={type.id} />
      <input type="hidden" name="version" value={type.version} />
      {children}
    </>
  );
}

export default async function SiteInteractionTypesPage({ params }: Props) {
  const actor = await requireActor();
  const { site, units, types } = await orPageError(listTypesForAdmin(actor, (await params).id));
  return (
    <>
      <p>
        <Link href={`/admin/sites/${site.id}`}>返回“{site.name}”</Link>
      </p>
      <h1>
        {site.name} · {t.title}
      </h1>
      <p>{t.intro}</p>
      <DataTable
        rows={types}
        rowKey={(type) => type.id}
        label={t.title}
        empty="本网站尚未设置留言类型。"
        columns={[
          { header: t.columns.order, cell: (_, index) => index + 1 },
          { header: t.columns.name, isRowHeader: true, cell: (type) => `${type.name}（${type.code}）` },
          { header: t.columns.category, cell: (type) => messages.interaction.categories[type.category] },
          { header: t.columns.unit, cell: (type) => type.unitName },
          { header: t.columns.limits, cell: limitsOf },
          { header: t.columns.reviewer, cell: (type) => messages.roles[type.replyReviewer] },
          { header: t.columns.shown, cell: (type) => (type.publicForm ? t.shown : t.hidden) },
          { header: t.columns.letters, align: "end", cell: (type) => type.letterCount },
          { header: t.columns.state, cell: (type) => (type.active ? t.active : t.inactive) },
          {
            header: t.columns.actions,
            cell: (type, index) => (
              <details>
                <summary>{t.edit}</summary>
                <TypeForm siteId={site.id} units={units} type={type} />
                {index > 0 ? (
                  <ActionForm action={moveTypeAction} submitLabel={t.up}>
                    <Step siteId={site.id} type={type}>
                      <input type="hidden" name="direction" value="UP" />
                    </Step>
                  </ActionForm>
                ) : null}
                {index < types.length - 1 ? (
                  <ActionForm action={moveTypeAction} submitLabel={t.down}>
                    <Step siteId={site.id} type={type}>
                      <input type="hidden" name="direction" value="DOWN" />
                    </Step>
                  </ActionForm>
                ) : null}
                <ActionForm action={setTypeActiveAction} submitLabel={type.active ? t.deactivate : t.activate}>
                  <Step siteId={site.id} type={type}>
                    <input type="hidden" name="active" value={type.active ? "no" : "yes"} />
                  </Step>
                </ActionForm>
                {type.letterCount === 0 ? (
                  <ActionForm action={deleteTypeAction} submitLabel={t.remove} confirm={t.removeConfirm}>
                    <Step siteId={site.id} type={type} />
                  </ActionForm>
                ) : null}
              </details>
            ),
          },
        ]}
      />
      <section className="card" aria-labelledby="new-type">
        <h2 id="new-type">{t.add}</h2>
        <TypeForm siteId={site.id} units={units} />
      </section>
    </>
  );
}
