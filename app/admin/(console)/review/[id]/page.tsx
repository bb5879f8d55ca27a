// GET /admin/review/:id – one review: the revision as the portal and each chosen channel will show
// it, the rendered and word diffs against the live version, the text with pre-check findings
// highlighted, every stage and sign-off, and one form for everything I may sign now.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { getReview } from "@/lib/review/queries";
import { formatDateTime } from "@/lib/format";
import { renderReviewArticle } from "@/lib/sites/review-article";
import { renderReviewChannels } from "@/lib/channels/review-renditions";
import { ActionForm, Field } from "@/components/admin/action-form";
import { FindingList, HighlightedText } from "@/components/review/findings";
import { PassageComment } from "@/components/review/passage-comment";
import { SignForm } from "@/components/review/sign-form";
import { RenderedDiff, RenderedRevision, WordDiff } from "@/components/review/review-rendering";
import {
  cancelReviewAction,
  commentAction,
  overrideAction,
  publishNowAction,
  scheduleAction,
  signOffAction,
} from "../actions";
import { messages } from "@/lib/i18n/zh-CN";
import { listPreviewChoices } from "@/lib/sites/preview/targets";
import { PreviewLinks } from "@/components/review/preview-links";

export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const review = await orPageError(getReview(actor, id));
  // Derived from the review getReview authorized: the revision bound to its content hash.
  const [rendering, renditions] = await Promise.all([renderReviewArticle(review), renderReviewChannels(review)]);
  const { instance } = review;
  const preview = await listPreviewChoices(actor, { resourceId: instance.resourceId, revisionId: instance.revisionId });
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/review">审核工作台</Link> &gt;{" "}
        <Link href={`/admin/library/${instance.resourceId}`}>稿件</Link>
      </p>
      <h1>{instance.revision.title}</h1>
      <p>
        状态：<strong>{messages.reviewStatus[instance.status]}</strong>
        {instance.status === "CANCELLED" && instance.cancelReason ? `（${instance.cancelReason}）` : null}　审核流程：
        {instance.workflowName}　所属单位：{instance.resource.ownerOrg.name}
        <br />第 {instance.revision.number} 版，作者 {instance.revision.author.displayName}；
        {instance.submittedBy.displayName} 于 {formatDateTime(instance.submittedAt)} 提交
        {instance.flagged ? <strong>；标记为敏感或重大信息：{instance.flagReason}</strong> : null}
        <br />
        <span className="muted">内容指纹 {instance.contentHash.slice(0, 16)}…　</span>
        <Link href={`/admin/review/${instance.id}/record`}>责任记录</Link>
      </p>
      <p>
        分发渠道：
        {review.channels.length
          ? review.channels.map((channel) => `${channel.name}（${channel.kindLabel}）`).join("、")
          : "无（仅发布到网站栏目）"}
        {review.channels.length ? (
          <>
            　
            <Link href={`/admin/library/${instance.resourceId}/channels?revision=${instance.revisionId}`}>
              多渠道预览（送审版本）
            </Link>
          </>
        ) : null}
      </p>
      {review.bar ? <p className="form-error">{review.bar}</p> : null}
      {review.mySignOffs.length ? (
        <p className="muted" role="note">
          我已签署：
          {review.mySignOffs
            .map(
              (signOff) =>
                `${signOff.check ?? signOff.stageName} ${messages.decisions[signOff.decision]}（${formatDateTime(signOff.at)}）`,
            )
            .join("；")}
        </p>
      ) : null}
      {preview ? <PreviewLinks resourceId={instance.resourceId} choices={preview} pinRevision /> : null}

      <section className="card" aria-labelledby="prechecks-title">
        <h2 id="prechecks-title">自动预检</h2>
        <FindingList findings={review.findings} text={review.text} />
      </section>

      {rendering.ok ? (
        <RenderedRevision rendering={rendering} renditions={renditions} />
      ) : (
        <p className="form-error" role="alert">
          {rendering.message}
        </p>
      )}
      {rendering.ok && rendering.live ? <RenderedDiff live={rendering.live} /> : null}

      <section className="card" aria-labelledby="text-title" style={{ marginTop: "1rem" }}>
        <h2 id="text-title">送审正文（纯文本：预检标注与划词意见）</h2>
        <HighlightedText text={review.text} findings={review.findings} comments={instance.comments} />
        {instance.comments.length ? (
          <>
            <h3>审核意见</h3>
            <ul>
              {instance.comments.map((comment) => (
                <li key={comment.id}>
                  “{comment.quote}”：{comment.text}（{comment.user.displayName}，{formatDateTime(comment.at)}）
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {instance.status === "IN_PROGRESS" ? <PassageComment instanceId={instance.id} action={commentAction} /> : null}
      </section>

      {review.diff && review.live ? (
        <section className="card" aria-labelledby="diff-title" style={{ marginTop: "1rem" }}>
          <h2 id="diff-title">与已发布的第 {review.live.revisionNumber} 版逐词对比</h2>
          <div className="diff">
            <WordDiff segments={review.diff} />
          </div>
        </section>
      ) : null}
      <section className="card" aria-labelledby="stages-title" style={{ marginTop: "1rem" }}>
        <h2 id="stages-title">审核环节</h2>
        <ol className="stages">
          {review.stages.map((stage) => (
            <li key={stage.position} className={`stage-${stage.state}`}>
              <strong>{stage.name}</strong>（{messages.stageStates[stage.state]}）
              {stage.type === "CHECKS" ? `　关口：${Object.values(stage.checkNames).join("、")}` : null}
              <ul>
                {stage.signOffs.map((signOff) => (
                  <li key={signOff.id}>
                    {signOff.check ? `${stage.checkNames[signOff.check] ?? signOff.check}：` : ""}
                    {signOff.user} {messages.decisions[signOff.decision]}
                    {signOff.reason ? `（${signOff.reason}）` : ""}　{formatDateTime(signOff.at)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
        {review.signable.length && review.current ? (
          <div className="sign-forms">
            <h3>我的审核意见：{review.current.name}</h3>
            <SignForm
              action={signOffAction}
              instanceId={instance.id}
              contentHash={instance.contentHash}
              stage={review.current}
              checks={review.signable.flatMap((signature) =>
                signature.check
                  ? [
                      {
                        code: signature.check,
                        name: review.stages[review.current!.position]?.checkNames[signature.check] ?? signature.check,
                      },
                    ]
                  : [],
              )}
            />
          </div>
        ) : null}
        {review.canOverride ? (
          <ActionForm action={overrideAction} submitLabel="批准放行">
            <h3>第一责任人放行</h3>
            <p>以下“必须修改”的预检问题经核实可以公开时，可批准放行；理由记入责任记录。</p>
            <input type="hidden" name="instanceId" value={instance.id} />
            <Field id="override-reason" name="reason" label="放行理由" required />
          </ActionForm>
        ) : null}
        {instance.overrides.map((override) => (
          <p key={override.id}>
            {override.user.displayName} 于 {formatDateTime(override.at)} 批准放行预检问题：{override.reason}
          </p>
        ))}
        {review.canPublish ? (
          <div>
            <h3>发布</h3>
            <ActionForm action={publishNowAction} submitLabel="立即发布" className="inline-form">
              <input type="hidden" name="instanceId" value={instance.id} />
            </ActionForm>
            <ActionForm action={scheduleAction} submitLabel="定时发布">
              <input type="hidden" name="instanceId" value={instance.id} />
              <input type="hidden" name="resourceId" value={instance.resourceId} />
              <Field id="schedule-at" name="publishAt" label="发布时间（北京时间）" type="datetime-local" />
            </ActionForm>
          </div>
        ) : null}
        {instance.schedules.map((schedule) => (
          <p key={schedule.id} className={schedule.status === "FAILED" ? "form-error" : undefined}>
            定时发布 {formatDateTime(schedule.runAt)}：{messages.scheduleStatus[schedule.status]}
            {schedule.status === "FAILED" && schedule.error ? `（${schedule.error}）` : ""}
          </p>
        ))}
        {instance.publication ? (
          <p>
            已于 {formatDateTime(instance.publication.publishedAt)} 发布
            {instance.publication.withdrawnAt ? `，${formatDateTime(instance.publication.withdrawnAt)} 撤稿` : ""}。
          </p>
        ) : null}
        {review.canCancel ? (
          <ActionForm action={cancelReviewAction} submitLabel="撤回审核" confirm="撤回后已有的审核签署作废，确定撤回？">
            <input type="hidden" name="instanceId" value={instance.id} />
            <input type="hidden" name="resourceId" value={instance.resourceId} />
          </ActionForm>
        ) : null}
      </section>
    </>
  );
}
