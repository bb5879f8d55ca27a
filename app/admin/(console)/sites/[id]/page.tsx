// GET /admin/sites/:id – site identity (theme, images, footer, inspection links), host names, the home-page
// blocks link, and the column tree.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { getSiteForAdmin } from "@/lib/sites/admin";
import { listBannerChoices } from "@/lib/sites/topic-settings";
import { TopicFields } from "@/components/admin/topic-fields";
import { ActionForm, Field } from "@/components/admin/action-form";
import { messages } from "@/lib/i18n/zh-CN";
import { deleteColumnAction, saveColumnAction, updateSiteAction } from "../actions";
import { DataTable } from "@/components/ui/data-table";
import { SiteIdentityFields } from "@/components/admin/site-identity-fields";

type Props = { params: Promise<{ id: string }> };

const KIND_OPTIONS = Object.entries(messages.columnTypes).map(([value, label]) => ({ value, label }));
const NAV_OPTIONS = Object.entries(messages.columnNav).map(([value, label]) => ({ value, label }));

export default async function SitePage({ params }: Props) {
  const actor = await requireActor();
  const { site, columns } = await orPageError(getSiteForAdmin(actor, (await params).id));
  const images = await listBannerChoices(actor, site.id);
  const parentOptions = columns.map((column) => ({ value: column.id, label: column.name }));
  const nameOf = new Map(columns.map((column) => [column.id, column.name]));
  return (
    <>
      <h1>{site.name}</h1>
      <p>
        <Link href={`/admin/sites/${site.id}/home`}>{messages.homeBlocks.composer.link}</Link>：
        {messages.homeBlocks.composer.linkHint}
      </p>
      <p>
        <Link href={`/admin/sites/${site.id}/interaction`}>{messages.interaction.typeEditor.link}</Link>：
        {messages.interaction.typeEditor.linkHint}
      </p>
      <section className="card" aria-labelledby="settings-title" style={{ marginBottom: "1rem" }}>
        <h2 id="settings-title">网站信息</h2>
        <ActionForm action={updateSiteAction} submitLabel="保存网站信息">
          <input type="hidden" name="siteId" value={site.id} />
          <Field name="name" label="网站名称" defaultValue={site.name} required />
          <Field name="siteCode" label="网站标识码" defaultValue={site.siteCode} required />
          <Field name="icpNumber" label="ICP备案号" defaultValue={site.icpNumber ?? ""} />
          <Field name="psbNumber" label="公安机关备案号" defaultValue={site.psbNumber ?? ""} />
          <Field
            name="hosts"
            label="域名（多个用空格或逗号分隔）"
            defaultValue={site.hosts.map((host) => host.host).join(" ")}
            required
          />
          <SiteIdentityFields site={site} />
        </ActionForm>
      </section>
      <section className="card" aria-labelledby="columns-title" style={{ marginBottom: "1rem" }}>
        <h2 id="columns-title">栏目</h2>
        <DataTable
          rows={columns}
          rowKey={(column) => column.id}
          label="栏目列表"
          columns={[
            { header: "栏目", cell: (column) => column.name },
            { header: "路径", cell: (column) => `/columns/${column.slug}` },
            { header: "类型", cell: (column) => messages.columnTypes[column.kind] },
            { header: "上级栏目", cell: (column) => (column.parentId ? nameOf.get(column.parentId) : "—") },
            { header: "稿件数", cell: (column) => column._count.placements },
            {
              header: "操作",
              cell: (column) => (
                <details>
                  <summary>修改</summary>
                  <ActionForm action={saveColumnAction} submitLabel="保存栏目">
                    <input type="hidden" name="siteId" value={site.id} />
                    <input type="hidden" name="columnId" value={column.id} />
                    <Field
                      id={`c-${column.id}-name`}
                      name="name"
                      label="栏目名称"
                      defaultValue={column.name}
                      required
                    />
                    <Field id={`c-${column.id}-slug`} name="slug" label="路径" defaultValue={column.slug} required />
                    <Field
                      id={`c-${column.id}-kind`}
                      name="kind"
                      label="类型"
                      type="select"
                      defaultValue={column.kind}
                      options={KIND_OPTIONS}
                    />
                    <Field
                      id={`c-${column.id}-parent`}
                      name="parentId"
                      label="上级栏目（不选为一级栏目）"
                      type="select"
                      defaultValue={column.parentId ?? ""}
                      options={parentOptions.filter((option) => option.value !== column.id)}
                    />
                    <Field
                      id={`c-${column.id}-link`}
                      name="linkUrl"
                      label="链接地址（链接栏目）"
                      defaultValue={column.linkUrl ?? ""}
                    />
                    {column.kind === "TOPIC" ? (
                      <TopicFields
                        idPrefix={`c-${column.id}`}
                        intro={column.intro}
                        bannerSrc={column.bannerSrc}
                        images={images}
                      />
                    ) : null}
                    <Field
                      id={`c-${column.id}-position`}
                      name="position"
                      label="排序"
                      type="number"
                      defaultValue={column.position}
                    />
                    <Field
                      id={`c-${column.id}-nav`}
                      name="nav"
                      label="主导航"
                      type="select"
                      defaultValue={String(column.nav)}
                      options={NAV_OPTIONS}
                    />
                  </ActionForm>
                  <ActionForm
                    action={deleteColumnAction}
                    submitLabel="删除栏目"
                    confirm={`确定删除栏目“${column.name}”？`}
                  >
                    <input type="hidden" name="siteId" value={site.id} />
                    <input type="hidden" name="columnId" value={column.id} />
                  </ActionForm>
                </details>
              ),
            },
          ]}
          empty="本网站尚无栏目。"
        />
        <h3>新建栏目</h3>
        <ActionForm action={saveColumnAction} submitLabel="新建栏目">
          <input type="hidden" name="siteId" value={site.id} />
          <Field id="new-name" name="name" label="栏目名称" required />
          <Field id="new-slug" name="slug" label="路径（小写字母、数字、连字符）" required />
          <Field id="new-kind" name="kind" label="类型" type="select" defaultValue="LIST" options={KIND_OPTIONS} />
          <Field
            id="new-parent"
            name="parentId"
            label="上级栏目（不选为一级栏目）"
            type="select"
            options={parentOptions}
          />
          <Field id="new-link" name="linkUrl" label="链接地址（链接栏目）" />
          <TopicFields idPrefix="new" images={images} />
          <Field id="new-position" name="position" label="排序" type="number" defaultValue={columns.length} />
          <Field id="new-nav" name="nav" label="主导航" type="select" defaultValue="true" options={NAV_OPTIONS} />
        </ActionForm>
      </section>
    </>
  );
}
