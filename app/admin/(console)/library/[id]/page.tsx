// GET /admin/library/:id – edit a resource (or read it, without edit permission).
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { saveRevisionAction } from "../actions";
import { retryDeliveryAction } from "../delivery-actions";
import {
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
} from "../../review/actions";
import { getResourceForEdit } from "@/lib/library/resources";
import { listPolicyChoices, listThemeChoices } from "@/lib/library/choices";
import { listQaChoices } from "@/lib/interaction/qa/choices";
import { AUDIENCES, GENRES } from "@/lib/library/metadata";
import { messages } from "@/lib/i18n/zh-CN";
import { ResourceEditor, type MetadataDraft } from "@/components/editor/resource-editor";
import { PublishingPanel } from "@/components/review/publishing-panel";
import { getPublishingState } from "@/lib/publish/state";
import { getChannelPlacements } from "@/lib/channels/channels";
import { DeliveryStatus } from "@/components/admin/delivery-status";
import { listPreviewChoices } from "@/lib/sites/preview/targets";
import { PreviewLinks } from "@/components/review/preview-links";
import { listSubmissionTargets } from "@/lib/submissions/queries";
import { SubmissionPanel } from "@/components/admin/submission-panel";
import { submitToSiteAction } from "../../submissions/actions";

const PUBLISHING_ACTIONS = {
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
};
const EMPTY_DOC = { type: "doc", content: [{ type: "paragraph" }] };

export default async function EditResourcePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const data = await orPageError(getResourceForEdit(actor, id));
  const [themes, policyChoices, publishing, channels, preview] = await Promise.all([
    listThemeChoices(),
    listPolicyChoices(actor),
    getPublishingState(actor, id),
    getChannelPlacements(actor, id),
    listPreviewChoices(actor, { resourceId: id }),
  ]);
  const source = data.workingDraft ?? data.latest;
  const { resource } = data;
  const qaChoices = resource.kind === "QA" ? await listQaChoices(actor) : undefined;
  const submission = await listSubmissionTargets(actor, resource);
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/library">资源库</Link> &gt; {messages.resourceKinds[resource.kind]}
        {resource.indexNumber ? `　索引号：${resource.indexNumber}` : ""}　所属单位：{resource.ownerName}
        {resource.version > 0 ? (
          <>
            　<Link href={`/admin/library/${resource.id}/history`}>修订历史（{resource.version} 版）</Link>　
            <Link href={`/admin/library/${resource.id}/channels`}>多渠道预览</Link>
          </>
        ) : null}
      </p>
      <h1 className="visually-hidden">编辑稿件</h1>
      <ResourceEditor
        key={resource.id}
        resourceId={resource.id}
        kind={resource.kind}
        baseVersion={data.workingDraft?.baseVersion ?? resource.version}
        title={source?.title ?? ""}
        body={(source?.body as object as typeof EMPTY_DOC) ?? EMPTY_DOC}
        metadata={(source?.metadata ?? {}) as MetadataDraft}
        canEdit={data.canEdit}
        restoredAt={data.workingDraft ? data.workingDraft.updatedAt.toISOString() : null}
        themes={themes}
        genres={GENRES}
        audiences={AUDIENCES}
        policyChoices={policyChoices.filter((choice) => choice.value !== resource.id)}
        qaChoices={qaChoices}
        save={saveRevisionAction}
      />
      {preview ? <PreviewLinks resourceId={resource.id} choices={preview} /> : null}
      <PublishingPanel state={{ ...publishing, channels }} actions={PUBLISHING_ACTIONS} />
      <DeliveryStatus actor={actor} resourceId={resource.id} retryAction={retryDeliveryAction} />
      {submission.approved ? (
        <SubmissionPanel resourceId={resource.id} sites={submission.sites} action={submitToSiteAction} />
      ) : null}
    </>
  );
}
