// GET /admin/themes – the 主题分类 tree and the 答问主题 list (system administrator).
import { orPageError, requireActor } from "../guard";
import { listThemes } from "@/lib/library/themes";
import { assertCan } from "@/lib/auth/permissions";
import { ActionForm, Field } from "@/components/admin/action-form";
import { createQaThemeAction, createThemeAction, renameThemeAction, updateQaThemeAction } from "./actions";
import { listQaThemes } from "@/lib/interaction/qa/themes";
import { DataTable } from "@/components/ui/data-table";

export default async function ThemesPage() {
  const actor = await requireActor();
  await orPageError(assertCan(actor, "theme.manage", "platform"));
  const [themes, qaThemes] = await Promise.all([listThemes(), listQaThemes()]);
  return (
    <>
      <h1>主题分类</h1>
      <p>依照国务院公文主题分类预置，可增补下级分类或修改名称。编码一经使用不再删除。</p>
      <DataTable
        rows={themes}
        rowKey={(theme) => theme.code}
        label="主题分类列表"
        columns={[
          { header: "编码", cell: (theme) => theme.code },
          {
            header: "名称",
            cell: (theme) => (
              <ActionForm action={renameThemeAction} submitLabel="改名" className="inline-form">
                <input type="hidden" name="code" value={theme.code} />
                <label className="visually-hidden" htmlFor={`theme-${theme.code}`}>
                  {theme.code} 名称
                </label>
                <input
                  id={`theme-${theme.code}`}
                  name="name"
                  defaultValue={theme.name}
                  style={{ paddingLeft: theme.parentCode ? "1.5rem" : undefined }}
                />
              </ActionForm>
            ),
          },
        ]}
        empty="尚无主题分类。"
      />
      <section className="card" aria-labelledby="new-theme" style={{ marginTop: "1rem" }}>
        <h2 id="new-theme">新增分类</h2>
        <ActionForm action={createThemeAction} submitLabel="新增">
          <Field
            name="parentCode"
            label="上级分类"
            type="select"
            options={themes.filter((t) => !t.parentCode).map((t) => ({ value: t.code, label: `${t.code} ${t.name}` }))}
          />
          <Field name="code" label="编码" required />
          <Field name="name" label="名称" required />
        </ActionForm>
      </section>
      <section aria-labelledby="qa-themes" style={{ marginTop: "1rem" }}>
        <h2 id="qa-themes">答问主题</h2>
        <p>
          答问库按答问主题分类，公众在网站“咨询答问”栏目按主题浏览。编码用于网址，一经使用不再删除；停用后不再供选择和展示。
        </p>
        <DataTable
          rows={qaThemes}
          rowKey={(theme) => theme.code}
          label="答问主题列表"
          columns={[
            { header: "编码", cell: (theme) => theme.code },
            {
              header: "名称与状态",
              cell: (theme) => (
                <ActionForm action={updateQaThemeAction} submitLabel="保存" className="inline-form">
                  <input type="hidden" name="code" value={theme.code} />
                  <label className="visually-hidden" htmlFor={`qa-theme-${theme.code}`}>
                    {theme.code} 名称
                  </label>
                  <input id={`qa-theme-${theme.code}`} name="name" defaultValue={theme.name} />
                  <label>
                    <input type="checkbox" name="active" defaultChecked={theme.active} /> 启用
                  </label>
                </ActionForm>
              ),
            },
          ]}
          empty="尚无答问主题。"
        />
        <ActionForm action={createQaThemeAction} submitLabel="新增答问主题">
          <Field name="code" label="答问主题编码" required />
          <Field name="name" label="答问主题名称" required />
        </ActionForm>
      </section>
    </>
  );
}
