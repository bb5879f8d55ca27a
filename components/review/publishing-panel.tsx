import Link from "next/link";
import { ActionForm, CheckboxGroup, Field } from "@/components/admin/action-form";
import { FindingList } from "@/components/review/findings";
import { UnavailableChannels } from "@/components/channels/unavailable-channels";
import { formatDateTime, toChinaDateTimeInput } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import type { getPublishingState } from "@/lib/publish/state";
import type { getChannelPlacements } from "@/lib/channels/channels";
import { DataTable } from "@/components/ui/data-table";
import { ColumnPicker } from "@/components/library/column-picker";
import type { ComponentProps } from "react";

// Under the editor: review and publication of this resource (提交审核、发布、定时发布、撤稿).

/** The publishing state, and the new-media channels: where it is placed, and what may be chosen (分发同时). */
type State = Awaited<ReturnType<typeof getPublishingState>> & {
  channels: Awaited<ReturnType<typeof getChannelPlacements>>;
};
type FormAction = ComponentProps<typeof ActionForm>["action"];
/** The server actions the panel's forms post to; the route passes them in (components import no route code). */
export type PublishingActions = Record<
  | "addChannelPlacementsAction"
  | "addPlacementsAction"
  | "cancelReviewAction"
  | "publishNowAction"
  | "removeChannelPlacementAction"
  | "removePlacementAction"
  | "scheduleAction"
  | "submitForReviewAction"
  | "updatePlacementAction"
  | "withdrawAction",
  FormAction
>;

export function PublishingPanel({ state, actions }: { state: State; actions: PublishingActions }) {
  const {
    addChannelPlacementsAction,
    addPlacementsAction,
    cancelReviewAction,
    publishNowAction,
    removeChannelPlacementAction,
    removePlacementAction,
    scheduleAction,
    submitForReviewAction,
    updatePlacementAction,
    withdrawAction,
  } = actions;
  const { resource } = state;
  const placed = new Set(state.placements.map((placement) => placement.columnId));
  const channelPlaced = new Set(state.channels.placements.map((placement) => placement.channelId));
  const channelOptions = state.channels.placeable.map((channel) => ({
    value: channel.id,
    label: `${channel.name}（${channel.kindLabel}）`,
  }));
  return (
    <section className="card publishing" aria-labelledby="publishing-title" style={{ marginTop: "1rem" }}>
      <h2 id="publishing-title">审核与发布</h2>
      <p>
        {state.live
          ? `已发布第 ${state.live.revision} 版（发布时间 ${formatDateTime(state.live.publishedAt)}${
              state.live.updatedAt ? `，更新时间 ${formatDateTime(state.live.updatedAt)}` : ""
            }）。`
          : state.withdrawn
            ? `已于 ${formatDateTime(state.withdrawn.at)} 撤稿：${state.withdrawn.reason}。`
            : "尚未发布。"}
        {state.placements.length
          ? `发布栏目：${state.placements.map((placement) => `${placement.site} · ${placement.column}`).join("、")}`
          : ""}
        {state.channels.placements.length
          ? `　分发渠道：${state.channels.placements.map((placement) => placement.name).join("、")}`
          : ""}
      </p>
      {state.singlePageOverlaps.map((overlap) => (
        <p key={overlap.columnId} className="notice" role="note">
          单页栏目“{overlap.site} · {overlap.column}”只显示最新发布的一篇，其中已有：
          {overlap.titles.map((title) => `“${title}”`).join("、")}
          。本稿件发布后将取代其显示；如只是更新该页面，请修改原稿件。
        </p>
      ))}
      {state.latest ? (
        <>
          <h3>自动预检（第 {state.latest.number} 版）</h3>
          <FindingList findings={state.findings} />
        </>
      ) : (
        <p>保存第一版后可提交审核。</p>
      )}
      {state.open ? (
        <p>
          第 {state.open.revision} 版审核中，当前环节：{state.open.stage}。
          <Link href={`/admin/review/${state.open.id}`}>查看审核进度</Link>
          <ActionForm
            action={cancelReviewAction}
            submitLabel="撤回审核"
            className="inline-form"
            confirm="撤回后已有的审核签署作废，确定撤回？"
          >
            <input type="hidden" name="instanceId" value={state.open.id} />
            <input type="hidden" name="resourceId" value={resource.id} />
          </ActionForm>
        </p>
      ) : null}
      {state.approved && state.canPublish ? (
        <div>
          <p>
            第 {state.approved.revision} 版已审核通过，尚未发布。
            {state.approved.schedule?.status === "PENDING"
              ? `已定时于 ${formatDateTime(state.approved.schedule.runAt)} 发布。`
              : ""}
            {state.approved.schedule?.status === "FAILED" ? (
              <span className="form-error">定时发布失败：{state.approved.schedule.error}</span>
            ) : null}
          </p>
          <ActionForm action={publishNowAction} submitLabel="立即发布" className="inline-form">
            <input type="hidden" name="instanceId" value={state.approved.id} />
          </ActionForm>
          <ActionForm action={scheduleAction} submitLabel="定时发布">
            <input type="hidden" name="instanceId" value={state.approved.id} />
            <input type="hidden" name="resourceId" value={resource.id} />
            <Field id="schedule-at" name="publishAt" label="发布时间（北京时间）" type="datetime-local" />
          </ActionForm>
        </div>
      ) : null}
      {state.canSubmit && state.latest ? (
        <details open={!state.live}>
          <summary>提交第 {state.latest.number} 版审核</summary>
          <ActionForm action={submitForReviewAction} submitLabel="提交审核">
            <input type="hidden" name="resourceId" value={resource.id} />
            <input type="hidden" name="baseVersion" value={state.latest.number} />
            <ColumnPicker sites={state.columns} legend="发布栏目（可选多个网站）" checked={[...placed]} />
            {channelOptions.length ? (
              <>
                <CheckboxGroup
                  name="channelIds"
                  legend="分发渠道（发布时同步分发到所选新媒体）"
                  options={channelOptions}
                  checked={[...channelPlaced]}
                />
                <p className="muted">
                  <Link href={`/admin/library/${resource.id}/channels`} target="_blank" rel="noopener">
                    多渠道预览
                  </Link>
                  ：提交前查看各渠道将收到的版本。
                </p>
              </>
            ) : null}
            <UnavailableChannels channels={state.channels.unavailable} />
            <Field
              name="publishMode"
              label="发布方式"
              type="select"
              defaultValue="ON_APPROVAL"
              options={[
                { value: "ON_APPROVAL", label: "审核通过后立即发布" },
                { value: "SCHEDULED", label: "审核通过后定时发布" },
                { value: "MANUAL", label: "审核通过后由我手动发布" },
              ]}
            />
            <Field
              name="publishAt"
              label="定时发布时间（北京时间）"
              type="datetime-local"
              defaultValue={toChinaDateTimeInput(state.defaultPublishAt)}
            />
            <div className="field">
              <label className="inline">
                <input type="checkbox" name="flagged" /> 涉及敏感事件或全局性的重大信息（须第一责任人审批）
              </label>
            </div>
            <Field name="flagReason" label="敏感或重大的说明" />
            {state.live ? <Field name="correctionNote" label="更正说明（可选，发布后显示在正文上方）" /> : null}
          </ActionForm>
        </details>
      ) : null}
      {state.canPlace ? (
        <details>
          <summary>发布栏目、置顶与排序</summary>
          <DataTable
            rows={state.placements}
            rowKey={(placement) => placement.id}
            label="发布栏目"
            columns={[
              { header: "栏目", cell: (placement) => `${placement.site} · ${placement.column}` },
              {
                header: "置顶与排序（数字小的在前）",
                cell: (placement) => (
                  <ActionForm action={updatePlacementAction} submitLabel="保存" className="inline-form">
                    <input type="hidden" name="placementId" value={placement.id} />
                    <label className="inline">
                      <input type="checkbox" name="pinned" defaultChecked={placement.pinned} /> 置顶
                    </label>
                    <input
                      aria-label={`${placement.column}排序`}
                      name="position"
                      type="number"
                      min={0}
                      defaultValue={placement.position}
                      style={{ width: "5rem" }}
                    />
                  </ActionForm>
                ),
              },
              {
                header: "撤下",
                cell: (placement) => (
                  <ActionForm
                    action={removePlacementAction}
                    submitLabel="撤下"
                    className="inline-form"
                    confirm={`确定从“${placement.column}”撤下？`}
                  >
                    <input type="hidden" name="placementId" value={placement.id} />
                  </ActionForm>
                ),
              },
            ]}
            empty="尚未选择发布栏目。"
          />
          <ActionForm action={addPlacementsAction} submitLabel="增加栏目">
            <input type="hidden" name="resourceId" value={resource.id} />
            <ColumnPicker sites={state.columns} legend="增加发布栏目" placed={[...placed]} />
          </ActionForm>
        </details>
      ) : null}
      {state.canPlace && (state.channels.placements.length || channelOptions.length) ? (
        <details>
          <summary>分发渠道</summary>
          <DataTable
            rows={state.channels.placements}
            rowKey={(placement) => placement.id}
            label="分发渠道"
            columns={[
              {
                header: "渠道",
                cell: (placement) => (
                  <>
                    {placement.name}
                    {placement.setupProblem
                      ? `（${messages.channelSetup.unconfigured}：${placement.setupProblem}，不能分发）`
                      : placement.receiving
                        ? ""
                        : "（已停用或账号不在正常状态，不再分发）"}
                  </>
                ),
              },
              { header: "类型", cell: (placement) => placement.kindLabel },
              {
                header: "移除（已分发的内容不撤回）",
                cell: (placement) => (
                  <ActionForm
                    action={removeChannelPlacementAction}
                    submitLabel="移除"
                    className="inline-form"
                    confirm={`确定移除渠道“${placement.name}”？已分发的内容不会撤回。`}
                  >
                    <input type="hidden" name="placementId" value={placement.id} />
                  </ActionForm>
                ),
              },
            ]}
            empty="尚未选择分发渠道。"
          />
          {channelOptions.some((option) => !channelPlaced.has(option.value)) ? (
            <ActionForm action={addChannelPlacementsAction} submitLabel="增加渠道">
              <input type="hidden" name="resourceId" value={resource.id} />
              <CheckboxGroup
                name="channelIds"
                legend="增加分发渠道（已发布的稿件将立即分发）"
                options={channelOptions.filter((option) => !channelPlaced.has(option.value))}
              />
            </ActionForm>
          ) : null}
          <UnavailableChannels channels={state.channels.unavailable} />
        </details>
      ) : null}
      {state.canWithdraw ? (
        <details>
          <summary>撤稿（从所有网站栏目撤下）</summary>
          <ActionForm action={withdrawAction} submitLabel="撤稿" confirm="撤稿后该稿件将从所有网站栏目撤下，确定撤稿？">
            <input type="hidden" name="resourceId" value={resource.id} />
            <Field name="reason" label="撤稿原因" required />
          </ActionForm>
        </details>
      ) : null}
      {state.reviews.length ? (
        <>
          <h3>审核记录</h3>
          <DataTable
            rows={state.reviews}
            rowKey={(review) => review.id}
            label="审核记录"
            columns={[
              { header: "版本", cell: (review) => `第 ${review.revision} 版` },
              { header: "提交时间", cell: (review) => formatDateTime(review.submittedAt) },
              {
                header: "状态",
                cell: (review) => (
                  <Link href={`/admin/review/${review.id}`}>{messages.reviewStatus[review.status]}</Link>
                ),
              },
              {
                header: "发布",
                cell: (review) =>
                  review.publishedAt
                    ? formatDateTime(review.publishedAt)
                    : review.schedule
                      ? `${messages.scheduleStatus[review.schedule.status]}${review.schedule.status === "PENDING" ? `（${formatDateTime(review.schedule.runAt)}）` : ""}${review.schedule.error ? `：${review.schedule.error}` : ""}`
                      : "—",
              },
              { header: "责任记录", cell: (review) => <Link href={`/admin/review/${review.id}/record`}>查看</Link> },
            ]}
          />
        </>
      ) : null}
    </section>
  );
}
