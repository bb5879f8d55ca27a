import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { getDb, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, forbidden, invalid, notFound, unauthenticated } from "@/lib/errors";
import { parseInput, parseNestedInput } from "@/lib/validation/parse";
import { loadVisibleResource } from "@/lib/library/resources";
import { notify } from "@/lib/org/notifications";
import { assertChannelsPlaceable } from "@/lib/channels/channels";
import { assertPlaceable, createSchedule, loadLatestPublication, lockResourceAndInstance, publicationOrderBar, publishInstance, validateRunAt } from "@/lib/publish/publish";
import { loadSignerFacts, loadUnitFacts, signableFor } from "@/lib/review/eligibility";
import { notifyStage, openInstance } from "@/lib/review/open";
import type { Finding } from "@/lib/review/prechecks";
import { revisionText } from "@/lib/review/revision-checks";
import { BARRED_MESSAGE, blockingFindings, currentStage, personalBar, wouldComplete, ZStages } from "@/lib/review/stages";
import type { RichText } from "@/lib/library/content";
import { parseChinaDateTime } from "@/lib/format";
import { withPortalSync } from "@/lib/publish/portal-sync";

// Review instances (分级审核): submission, sign-offs, overrides of blocking pre-check findings,
// comments, and cancellation. Every sign-off is bound to the content hash of the revision under
// review; the final approval hands the revision to lib/publish as the submitter asked.

type Context = Partial<RequestContext>;

const ZSubmit = z
  .object({
    resourceId: z.uuid(),
    baseVersion: z.coerce.number().int().min(1, "请先保存稿件再提交审核"),
    flagged: z.coerce.boolean().default(false),
    flagReason: zText().trim().max(200, "说明不超过 200 字").optional().transform((value) => value || null),
    publishMode: z.enum(["ON_APPROVAL", "SCHEDULED", "MANUAL"], { message: "请选择发布方式" }),
    publishAt: zText().optional().transform((value) => (value ? parseChinaDateTime(value) : null)),
    columnIds: z.array(z.uuid("栏目不正确")).max(50).default([]),
    channelIds: z.array(z.uuid("分发渠道不正确")).max(50).default([]),
    correctionNote: zText().trim().max(500, "更正说明不超过 500 字").optional().transform((value) => value || null),
  })
  .refine((value) => !value.flagged || value.flagReason, { message: "标记为敏感或重大信息时请简要说明原因", path: ["flagReason"] });

/** 提交审核: opens a review of the resource's latest revision. */
export async function submitForReview(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  const data = parseNestedInput(ZSubmit, input);
  const resource = await loadVisibleResource(actor, data.resourceId);
  const role = await assertCan(actor, "review.submit", { orgId: resource.ownerOrgId });
  if (data.publishMode !== "MANUAL") await assertCan(actor, "publication.publish", { orgId: resource.ownerOrgId });
  if (data.publishMode === "SCHEDULED") {
    if (!data.publishAt) throw invalid("请填写定时发布的时间。", { publishAt: ["请填写发布时间"] });
    validateRunAt(data.publishAt);
  }
  const db = getDb();
  await assertPlaceable(db, actor, resource.ownerOrgId, data.columnIds);
  await assertChannelsPlaceable(db, actor, resource.ownerOrgId, data.channelIds);
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ version: number }[]>`select version from "Resource" where id = ${resource.id}::uuid for update`;
    if (locked!.version !== data.baseVersion) throw conflict("稿件已有更新的修订版本，请刷新后再提交。");
    const revision = await tx.revision.findFirstOrThrow({ where: { resourceId: resource.id, number: data.baseVersion } });
    if (await tx.reviewInstance.findFirst({ where: { resourceId: resource.id, status: "IN_PROGRESS" } })) throw conflict("该稿件已在审核中。");
    if (await tx.publication.findFirst({ where: { revisionId: revision.id, withdrawnAt: null, supersededAt: null } })) throw conflict("该版本已发布，修改后才能再次提交。");
    // A review that could never be published (older text, or text from before a withdrawal).
    const orderBar = publicationOrderBar(revision, await loadLatestPublication(tx, resource.id));
    if (orderBar) throw conflict(orderBar);
    const placed = await tx.placement.count({ where: { resourceId: resource.id } });
    if (data.columnIds.length === 0 && placed === 0 && data.publishMode !== "MANUAL") {
      throw invalid("请选择发布栏目。", { columnIds: ["请至少选择一个栏目"] });
    }
    return openInstance(
      tx,
      {
        resource,
        revision,
        submittedById: actor.id,
        flagged: data.flagged,
        flagReason: data.flagReason,
        publishMode: data.publishMode,
        publishAt: data.publishAt,
        columnIds: data.columnIds,
        channelIds: [...new Set(data.channelIds)],
        correctionNote: data.correctionNote,
      },
      { role, ...context },
    );
  });
}

const ZSignOff = z
  .object({
    instanceId: z.uuid(),
    stagePosition: z.coerce.number().int().min(0),
    check: zText().optional().transform((value) => value || null),
    decision: z.enum(["APPROVE", "RETURN", "REJECT"], { message: "请选择审核意见" }),
    reason: zText().trim().max(1000, "意见不超过 1000 字").optional().transform((value) => value || null),
    /** The hash of the text the reviewer read: a sign-off is bound to exactly that text. */
    contentHash: zText().regex(/^[0-9a-f]{64}$/),
  })
  .refine((value) => value.decision === "APPROVE" || value.reason, { message: "退回或不予发布时须填写理由", path: ["reason"] });

async function lockInstance(tx: Tx, instanceId: string) {
  await lockResourceAndInstance(tx, instanceId);
  return tx.reviewInstance.findUniqueOrThrow({
    where: { id: instanceId },
    include: { signOffs: { orderBy: { at: "asc" } }, overrides: true, revision: true, resource: true },
  });
}

/** One decision on one stage (and check) of a review, by someone allowed to sign it. */
export async function signOff(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  if (actor.pendingObligation) throw forbidden(actor.pendingObligation);
  const data = parseNestedInput(ZSignOff, input);
  return withPortalSync(() => getDb().$transaction(async (tx) => {
    const instance = await lockInstance(tx, data.instanceId);
    const unit = await loadUnitFacts(tx, instance.resource.ownerOrgId);
    const signer = await loadSignerFacts(tx, actor.id);
    if (!signer.memberships.some((membership) => unit.lineage.includes(membership.orgId))) throw notFound();
    if (instance.status !== "IN_PROGRESS") throw conflict("该审核已经结束。");
    if (data.contentHash !== instance.contentHash) throw conflict("稿件内容已经变化，请刷新页面后审核最新版本。");
    const stages = ZStages.parse(instance.stages);
    const stage = currentStage(stages, instance.flagged, instance.signOffs);
    if (!stage || stage.position !== data.stagePosition) throw conflict("该环节已完成或尚未轮到，请刷新页面。");
    const bar = personalBar({ userId: actor.id, authorId: instance.revision.authorId, barredUserIds: instance.barredUserIds, allowSameSigner: instance.allowSameSigner, stage, signOffs: instance.signOffs });
    if (bar) throw forbidden(bar);
    const signable = signableFor(signer, unit, stage, instance.signOffs);
    const signature = signable.find((candidate) => candidate.check === (stage.type === "CHECKS" ? data.check : null));
    if (!signature) {
      throw forbidden(stage.type === "CHECKS" ? "您未被授予该审核关口，或该关口已签署。" : `您不是“${stage.name}”环节的审核人。`);
    }
    const fact = { stagePosition: stage.position, check: signature.check, userId: actor.id, decision: data.decision };
    const final = data.decision === "APPROVE" && wouldComplete(stages, instance.flagged, instance.signOffs, fact);
    const blocking = blockingFindings(instance.findings as Finding[]);
    if (final && blocking.length > 0 && instance.overrides.length === 0) {
      throw conflict(`稿件存在 ${blocking.length} 处必须修改的预检问题，修改后或经第一责任人批准放行后才能终审通过。`);
    }
    const signed = await tx.signOff.create({
      data: { instanceId: instance.id, stagePosition: stage.position, stageName: stage.name, check: signature.check, userId: actor.id, role: signature.role, decision: data.decision, reason: data.reason, contentHash: instance.contentHash },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      role: signature.role,
      action: "review.signoff",
      subject: `review:${instance.id}`,
      data: { stage: stage.name, check: signature.check, decision: data.decision, reason: data.reason, contentHash: instance.contentHash, resourceId: instance.resourceId },
      ...context,
    });
    const title = instance.revision.title;
    const interested = [instance.submittedById, instance.revision.authorId];
    if (data.decision !== "APPROVE") {
      await tx.reviewInstance.update({ where: { id: instance.id }, data: { status: data.decision === "RETURN" ? "RETURNED" : "REJECTED", completedAt: new Date(), currentStage: -1 } });
      await tx.resource.update({ where: { id: instance.resourceId }, data: { state: "DRAFT" } });
      await notify(tx, interested, `${data.decision === "RETURN" ? "退回修改" : "不予发布"}：${title}（${data.reason}）`, `/admin/review/${instance.id}`);
      return signed;
    }
    const signOffs = [...instance.signOffs, signed];
    const next = currentStage(stages, instance.flagged, signOffs);
    if (next) {
      if (next.position !== stage.position) {
        await tx.reviewInstance.update({ where: { id: instance.id }, data: { currentStage: next.position, stageSince: new Date() } });
        await notifyStage(tx, instance.id, title, unit, next, signOffs, [instance.revision.authorId, ...instance.barredUserIds]);
      }
      return signed;
    }
    await tx.reviewInstance.update({ where: { id: instance.id }, data: { status: "APPROVED", completedAt: new Date(), currentStage: -1 } });
    if (instance.resource.version === instance.revision.number) await tx.resource.update({ where: { id: instance.resourceId }, data: { state: "APPROVED" } });
    await recordAudit(tx, { actorId: actor.id, role: signature.role, action: "review.approve", subject: `review:${instance.id}`, data: { resourceId: instance.resourceId, contentHash: instance.contentHash }, ...context });
    if (instance.publishMode === "ON_APPROVAL") {
      await publishInstance(tx, instance.id, { actorId: actor.id, role: signature.role, via: "approval", ...context });
    } else if (instance.publishMode === "SCHEDULED" && instance.publishAt && instance.publishAt > new Date()) {
      await createSchedule(tx, instance.id, instance.publishAt, instance.submittedById);
      await notify(tx, interested, `审核通过，已定时发布：${title}`, `/admin/library/${instance.resourceId}`);
    } else {
      await notify(tx, interested, `审核通过，待发布：${title}`, `/admin/library/${instance.resourceId}`);
    }
    return signed;
  }));
}

const ZOverride = z.object({
  instanceId: z.uuid(),
  reason: zText().trim().min(4, "请填写放行理由（至少 4 个字）").max(1000, "理由不超过 1000 字"),
});

/** 第一责任人 lets blocking pre-check findings stand, with a recorded reason. */
export async function overrideFindings(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  if (actor.pendingObligation) throw forbidden(actor.pendingObligation);
  const request = parseInput(ZOverride, input);
  return getDb().$transaction(async (tx) => {
    const instance = await lockInstance(tx, request.instanceId);
    const unit = await loadUnitFacts(tx, instance.resource.ownerOrgId);
    if (unit.first !== actor.id) throw forbidden("只有本单位第一责任人可以批准放行必须修改的预检问题。");
    if (instance.revision.authorId === actor.id) throw forbidden("稿件作者不能审核自己撰写的修订版本。");
    if (instance.barredUserIds.includes(actor.id)) throw forbidden(BARRED_MESSAGE);
    if (instance.status !== "IN_PROGRESS") throw conflict("该审核已经结束。");
    const blocking = blockingFindings(instance.findings as Finding[]);
    if (blocking.length === 0) throw conflict("该稿件没有需要放行的预检问题。");
    const override = await tx.precheckOverride.create({ data: { instanceId: instance.id, userId: actor.id, reason: request.reason, findings: blocking } });
    await recordAudit(tx, {
      actorId: actor.id,
      role: "FIRST_RESPONSIBLE",
      action: "review.override",
      subject: `review:${instance.id}`,
      data: { reason: request.reason, findings: blocking.map((finding) => `${finding.kind}:${finding.start}-${finding.end}`), contentHash: instance.contentHash },
      ...context,
    });
    return override;
  });
}

const ZComment = z.object({
  instanceId: z.uuid(),
  start: z.coerce.number().int().min(0),
  end: z.coerce.number().int().min(0),
  text: zText().trim().min(1, "请填写意见").max(1000, "意见不超过 1000 字"),
});

/** A reviewer's comment on a passage (offsets into the text shown on the review page). */
export async function addComment(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  const { instanceId, start, end, text } = parseInput(ZComment, input);
  const instance = await getDb().reviewInstance.findUnique({ where: { id: instanceId }, include: { revision: true, resource: true } });
  if (!instance) throw notFound();
  const role = await assertCan(actor, "resource.view", { orgId: instance.resource.ownerOrgId }).catch(() => {
    throw notFound();
  });
  const plain = revisionText(instance.revision.title, instance.revision.body as RichText).text;
  if (end <= start || end > plain.length) throw invalid("请先在正文中选择要评论的段落。", { text: ["未选择段落"] });
  return getDb().$transaction(async (tx) => {
    const comment = await tx.reviewComment.create({ data: { instanceId, userId: actor.id, start, end, quote: plain.slice(start, end), text } });
    await recordAudit(tx, { actorId: actor.id, role, action: "review.comment", subject: `review:${instanceId}`, data: { start, end }, ...context });
    return comment;
  });
}

/** 撤回审核: the submitter (or an editor of the unit) takes the item back to draft. */
export async function cancelReview(actor: Principal | null, instanceId: string, context: Context = {}) {
  if (!actor) throw unauthenticated();
  if (!z.uuid().safeParse(instanceId).success) throw notFound();
  const found = await getDb().reviewInstance.findUnique({ where: { id: instanceId }, select: { resourceId: true, submittedById: true } });
  if (!found) throw notFound();
  const resource = await loadVisibleResource(actor, found.resourceId);
  const role = found.submittedById === actor.id ? "SUBMITTER" : await assertCan(actor, "resource.edit", { orgId: resource.ownerOrgId });
  return getDb().$transaction(async (tx) => {
    const instance = await lockInstance(tx, instanceId);
    if (instance.status !== "IN_PROGRESS") throw conflict("该审核已经结束。");
    await tx.reviewInstance.update({ where: { id: instanceId }, data: { status: "CANCELLED", completedAt: new Date(), currentStage: -1 } });
    await tx.resource.update({ where: { id: instance.resourceId }, data: { state: "DRAFT" } });
    await recordAudit(tx, { actorId: actor.id, role, action: "review.cancel", subject: `review:${instanceId}`, data: { resourceId: instance.resourceId }, ...context });
  });
}
