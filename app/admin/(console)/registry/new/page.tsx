// GET /admin/registry/new?kind=OPEN|CHANGE|SUSPEND|CANCEL&accountId= – 填报政务新媒体审批表.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { getApplicationOptions } from "@/lib/registry/get-application-options";
import { APPLICATION_KINDS, PLATFORMS } from "@/lib/registry/schemas";
import { chineseDay } from "@/lib/calendar/working-days";
import { messages } from "@/lib/i18n/zh-CN";
import { ActionForm, Field } from "@/components/admin/action-form";
import { submitApplicationAction } from "../actions";
import { RegistryNav } from "../registry-nav";

const t = messages.newMedia;
type Props = { searchParams: Promise<{ kind?: string; accountId?: string }> };

function TextArea({
  name,
  label,
  defaultValue,
  rows = 3,
}: {
  name: string;
  label: string;
  defaultValue?: string | null;
  rows?: number;
}) {
  return (
    <div className="field">
      <label htmlFor={`field-${name}`}>{label}</label>
      <textarea id={`field-${name}`} name={name} rows={rows} defaultValue={defaultValue ?? ""} />
    </div>
  );
}

export default async function NewRegistryApplicationPage({ searchParams }: Props) {
  const actor = await requireActor();
  const query = await searchParams;
  const options = await orPageError(getApplicationOptions(actor));
  const kind = (APPLICATION_KINDS as readonly string[]).includes(query.kind ?? "")
    ? (query.kind as (typeof APPLICATION_KINDS)[number])
    : "OPEN";
  const selectable = options.accounts.filter((account) => kind !== "SUSPEND" || account.status === "ACTIVE");
  const account = selectable.find((candidate) => candidate.id === query.accountId) ?? null;
  const accountOptions = selectable.map((candidate) => ({ value: candidate.id, label: candidate.label }));
  return (
    <>
      <h1>填报政务新媒体审批表</h1>
      <RegistryNav current="new" />
      <nav aria-label="申请事项">
        {APPLICATION_KINDS.map((candidate, index) => (
          <span key={candidate}>
            {index > 0 ? "　" : null}
            <Link href={`/admin/registry/new?kind=${candidate}`} aria-current={candidate === kind ? "page" : undefined}>
              {t.applicationKinds[candidate]}
            </Link>
          </span>
        ))}
      </nav>
      <section className="card" aria-labelledby="apply-title" style={{ marginTop: "1rem" }}>
        <h2 id="apply-title">{t.applicationKinds[kind]}申请</h2>
        {kind === "OPEN" ? (
          <ActionForm action={submitApplicationAction} submitLabel="提交审批">
            <p>账号名称须包含地区名称“{options.region}”；一个单位在同一平台只能开设一个政务新媒体账号。</p>
            <input type="hidden" name="kind" value="OPEN" />
            <Field
              name="orgId"
              label="主办单位"
              type="select"
              options={options.orgs.map((org) => ({ value: org.id, label: org.name }))}
              defaultValue={options.defaultOrgId ?? undefined}
              required
            />
            <Field
              name="platform"
              label="平台"
              type="select"
              options={PLATFORMS.map((platform) => ({ value: platform, label: t.platforms[platform] }))}
              required
            />
            <Field name="name" label="账号名称" required />
            <Field name="handle" label="账号标识（微信原始ID、微博UID等，可后补）" />
            <Field name="manager" label="运维负责人" required />
            <Field name="phone" label="联系电话" required />
            <TextArea name="description" label="账号简介" />
            <TextArea name="reason" label="申请理由" />
          </ActionForm>
        ) : kind === "CHANGE" && !account ? (
          <form method="get" action="/admin/registry/new" className="admin-form">
            <input type="hidden" name="kind" value="CHANGE" />
            <div className="field">
              <label htmlFor="change-account">选择要变更的账号</label>
              <select id="change-account" name="accountId" required>
                {accountOptions.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button-inline" disabled={accountOptions.length === 0}>
              下一步
            </button>
            {accountOptions.length === 0 ? <p>您所在单位没有可以变更的账号。</p> : null}
          </form>
        ) : kind === "CHANGE" && account ? (
          <ActionForm action={submitApplicationAction} submitLabel="提交审批">
            <p>
              正在变更：{account.label}。请直接修改需要变更的项目；账号名称须包含地区名称“{options.region}”。
            </p>
            <input type="hidden" name="kind" value="CHANGE" />
            <input type="hidden" name="accountId" value={account.id} />
            <Field name="name" label="账号名称" defaultValue={account.fields.name} required />
            <Field name="handle" label="账号标识" defaultValue={account.fields.handle ?? ""} />
            <Field name="manager" label="运维负责人" defaultValue={account.fields.manager} required />
            <Field name="phone" label="联系电话" defaultValue={account.fields.phone} required />
            <TextArea name="description" label="账号简介" defaultValue={account.fields.description} />
            <TextArea name="reason" label="变更理由" />
          </ActionForm>
        ) : kind === "SUSPEND" ? (
          <ActionForm action={submitApplicationAction} submitLabel="提交审批">
            <p>关停后账号停止更新和分发，仍保留在台账中；如需彻底停用，请申请注销。</p>
            <input type="hidden" name="kind" value="SUSPEND" />
            <Field name="accountId" label="账号" type="select" options={accountOptions} required />
            <TextArea name="reason" label="关停理由" />
          </ActionForm>
        ) : (
          <ActionForm action={submitApplicationAction} submitLabel="提交审批">
            <p>
              审批通过之日发布注销公告，公告时间不少于 15 个工作日（按节假日安排计算）。如今日公告，注销生效日期最早为{" "}
              {chineseDay(options.earliestEffectiveOn)}。
            </p>
            <input type="hidden" name="kind" value="CANCEL" />
            <Field name="accountId" label="账号" type="select" options={accountOptions} required />
            <Field
              name="effectiveOn"
              label="注销生效日期"
              type="date"
              defaultValue={options.earliestEffectiveOn}
              required
            />
            <TextArea name="notice" label="注销公告（将在政务新媒体矩阵页面公示）" rows={4} />
            <TextArea name="reason" label="注销理由" />
          </ActionForm>
        )}
      </section>
    </>
  );
}
