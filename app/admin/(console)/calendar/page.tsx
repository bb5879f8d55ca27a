// GET /admin/calendar?year=2026 – 节假日与调休: one year's exceptions to the weekday rule, kept by the system administrator.
import Link from "next/link";
import { orPageError, requireActor } from "../guard";
import { DAY_KIND_LABELS, listCalendarDays } from "@/lib/calendar/days";
import { ActionForm, Field } from "@/components/admin/action-form";
import { removeCalendarDayAction, saveCalendarDayAction } from "./actions";
import { DataTable } from "@/components/ui/data-table";

type Props = { searchParams: Promise<{ year?: string }> };

export default async function CalendarPage({ searchParams }: Props) {
  const actor = await requireActor();
  const { year, days } = await orPageError(listCalendarDays(actor, (await searchParams).year));
  const kinds = Object.entries(DAY_KIND_LABELS).map(([value, label]) => ({ value, label }));
  return (
    <>
      <h1>节假日与调休</h1>
      <p>
        星期一至星期五为工作日，星期六、星期日休息；下表列出按国务院办公厅节假日安排放假的日子和调休上班的周末。以工作日计算的期限（如政务新媒体注销公告期、审核等待时长）都按此表计算，保存后立即生效，正在办理的群众留言的受理和答复期限随即重新计算。
      </p>
      <nav aria-label="年份">
        <Link href={`/admin/calendar?year=${year - 1}`}>← {year - 1} 年</Link>　<strong>{year} 年</strong>　
        <Link href={`/admin/calendar?year=${year + 1}`}>{year + 1} 年 →</Link>
      </nav>
      <DataTable
        rows={days}
        rowKey={(day) => day.date}
        caption={`${year} 年节假日安排`}
        captionHidden
        style={{ marginTop: "1rem" }}
        columns={[
          { header: "日期", cell: (day) => day.date },
          { header: "星期", cell: (day) => day.weekday },
          {
            header: "安排",
            cell: (day) => (day.kind === "HOLIDAY" ? "放假" : <span className="badge warn">调休上班</span>),
          },
          { header: "节日", cell: (day) => day.name },
          {
            header: "操作",
            cell: (day) => (
              <ActionForm
                action={removeCalendarDayAction}
                submitLabel="删除"
                className="inline-form"
                confirm={`删除 ${day.date} 的安排？`}
              >
                <input type="hidden" name="date" value={day.date} />
              </ActionForm>
            ),
          },
        ]}
        empty={`${year} 年尚未录入节假日安排。`}
      />
      <section className="card" aria-labelledby="calendar-add" style={{ marginTop: "1.5rem" }}>
        <h2 id="calendar-add">新增或修改一天</h2>
        <p>已有的日期再次保存即为修改。调休上班只能设在星期六或星期日。</p>
        <ActionForm action={saveCalendarDayAction} submitLabel="保存">
          <Field name="date" label="日期" type="date" required />
          <Field name="kind" label="安排" type="select" options={kinds} required />
          <Field name="name" label="节日名称（如“国庆节”；调休上班日填所调的节日）" required />
        </ActionForm>
      </section>
    </>
  );
}
