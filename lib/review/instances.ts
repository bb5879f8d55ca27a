import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { getDb, type Tx } from "@/lib/db/client";
import type { SignOff } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, forbidden, invalid, notFound, unauthenticated } from "@/lib/errors";
import { parseNestedInput } from "@/lib/validation/parse";
import { loadVisibleResource } from "@/lib/library/resources";
import { notify } from "@/lib/org/notifications";
import { emit } from "@/lib/events/bus";
import {
  loadLatestPublication,
  lockResourceAndInstance,
  publicationOrderBar,
  validateRunAt,
} from "@/lib/review/publication-order";
import { loadSignerFacts, loadUnitFacts, signableFor, type Signature, type UnitFacts } from "@/lib/review/eligibility";
import { eligibleUsers, notifyStage, openInstance } from "@/lib/review/open";
import { closeReviewTasks, closeStageTasks } from "@/lib/review/tasks";
import type { Finding } from "@/lib/review/prechecks";
import { blockingFindings, currentStage, personalBar, ZStages, type Stage } from "@/lib/review/stages";
import { parseChinaDateTime } from "@/lib/format";
import { withPortalSync } from "@/lib/cache/portal-sync";

// Review instances (分级审核): submission and sign-offs. Every sign-off is bound to the content
// hash of the revision under review; the final approval emits "review.approved", and lib/publish
// carries out the submitter's choice. Overrides, comments and cancellation are in
// override-findings.ts, add-comment.ts and cancel-review.ts beside this file.

type Context = Partial<RequestContext>;

const ZSubmit = z
  .object({
    resourceId: z.uuid(),
    baseVersion: z.coerce.number().int().min(1, "请先保存稿件再提交审核"),
    flagged: z.coerce.boolean().default(false),
    flagReason: zText()
      .trim()
      .max(200, "说明不超过 200 字")
      .optional()
      .transform((value) => value || null),
    publishMode: z.enum(["ON_APPROVAL", "SCHEDULED", "MANUAL"], { message: "请选择发布方式" }),
    publishAt: zText()
      .optional()
      .transform((value) => (value ? parseChinaDateTime(value) : null)),
    columnIds: z.array(z.uuid("栏目不正确")).max(50).default([]),
    channelIds: z.array(z.uuid("分发渠道不正确")).max(50).default([]),
    correctionNote: zText()
      .trim()
      .max(500, "更正说明不超过 500 字")
      .optional()
      .transform((value) => value || null),
  })
  .refine((value) => !value.flagged || value.flagReason, {
    message: "标记为敏感或重大信息时请简要说明原因",
    path: ["flagReason"],
  });

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
  await emit("review.submitting", {
    db,
    actor,
    ownerOrgId: resource.ownerOrgId,
    columnIds: data.columnIds,
    channelIds: data.channelIds,
  });
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<
      { version: number }[]
    >`select version from "Resource" where id = ${resource.id}::uuid for update`;
    if (locked!.version !== data.baseVersion) throw conflict("稿件已有更新的修订版本，请刷新后再提交。");
    const revision = await tx.revision.findFirstOrThrow({
      where: { resourceId: resource.id, number: data.baseVersion },
    });
    if (await tx.reviewInstance.findFirst({ where: { resourceId: resource.id, status: "IN_PROGRESS" } }))
      throw conflict("该稿件已在审核中。");
    if (await tx.publication.findFirst({ where: { revisionId: revision.id, withdrawnAt: null, supersededAt: null } }))
      throw conflict("该版本已发布，修改后才能再次提交。");
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
    /** One check (the single-check form and API) … */
    check: zText()
      .optional()
      .transform((value) => value || null),
    /** … or several checks of the same stage, signed in one action. */
    checks: z.array(zText().min(1, "关口不正确").max(40, "关口不正确")).max(20).optional(),
    decision: z.enum(["APPROVE", "RETURN", "REJECT"], { message: "请选择审核意见" }),
    reason: zText()
      .trim()
      .max(1000, "意见不超过 1000 字")
      .optional()
      .transform((value) => value || null),
    /** The hash of the text the reviewer read: a sign-off is bound to exactly that text. */
    contentHash: zText().regex(/^[0-9a-f]{64}$/),
  })
  .refine((value) => value.decision === "APPROVE" || value.reason, {
    message: "退回或不予发布时须填写理由",
    path: ["reason"],
  })
  .refine((value) => value.checks === undefined || value.checks.length > 0, {
    message: "请至少勾选一个审核关口",
    path: ["checks"],
  });

/** Locks the instance (and its resource) for a change; reads it with what the checks need. */
export async function lockInstance(tx: Tx, instanceId: string) {
  await lockResourceAndInstance(tx, instanceId);
  return tx.reviewInstance.findUniqueOrThrow({
    where: { id: instanceId },
    include: { signOffs: { orderBy: { at: "asc" } }, overrides: true, revision: true, resource: true },
  });
}

/** One decision on one stage (and check) of a review, by someone allowed to sign it. */
export async function signOff(actor: Principal | null, input: unknown, context: Context = {}) {
  const [signed] = await signOffChecks(actor, input, context);
  return signed!;
}

/**
 * One decision on the current stage by someone allowed to sign it: for a check stage, on every
 * check named (`checks`, or the single `check`), each recorded as its own sign-off bound to the
 * content hash and audited, all in one transaction — all of them or none.
 */
export async function signOffChecks(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  if (actor.pendingObligation) throw forbidden(actor.pendingObligation);
  const data = parseNestedInput(ZSignOff, input);
  const requested = [...new Set(data.checks ?? [data.check])];
  return withPortalSync(() =>
    getDb().$transaction(async (tx) => {
      const instance = await lockInstance(tx, data.instanceId);
      const unit = await loadUnitFacts(tx, instance.resource.ownerOrgId);
      const signer = await loadSignerFacts(tx, actor.id);
      if (!signer.memberships.some((membership) => unit.lineage.includes(membership.orgId))) throw notFound();
      if (instance.status !== "IN_PROGRESS") throw conflict("该审核已经结束。");
      if (data.contentHash !== instance.contentHash) throw conflict("稿件内容已经变化，请刷新页面后审核最新版本。");
      const stages = ZStages.parse(instance.stages);
      const stage = currentStage(stages, instance.flagged, instance.signOffs);
      if (!stage || stage.position !== data.stagePosition) throw conflict("该环节已完成或尚未轮到，请刷新页面。");
      const bar = personalBar({
        userId: actor.id,
        authorId: instance.revision.authorId,
        barredUserIds: instance.barredUserIds,
        allowSameSigner: instance.allowSameSigner,
        stage,
        signOffs: instance.signOffs,
      });
      if (bar) throw forbidden(bar);
      const signable = signableFor(signer, unit, stage, instance.signOffs);
      const signatures = requested.map((check) =>
        signable.find((candidate) => candidate.check === (stage.type === "CHECKS" ? check : null)),
      );
      if (
        signatures.some((signature) => !signature) ||
        (stage.type !== "CHECKS" && (requested.length > 1 || requested[0] !== null))
      ) {
        throw forbidden(
          stage.type === "CHECKS" ? "您未被授予该审核关口，或该关口已签署。" : `您不是“${stage.name}”环节的审核人。`,
        );
      }
      const facts = signatures.map((signature) => ({
        stagePosition: stage.position,
        check: signature!.check,
        userId: actor.id,
        decision: data.decision,
      }));
      const final =
        data.decision === "APPROVE" &&
        currentStage(stages, instance.flagged, [...instance.signOffs, ...facts]) === null;
      const blocking = blockingFindings(instance.findings as Finding[]);
      if (final && blocking.length > 0 && instance.overrides.length === 0) {
        throw conflict(
          `稿件存在 ${blocking.length} 处必须修改的预检问题，修改后或经第一责任人批准放行后才能终审通过。`,
        );
      }
      const signed = [];
      for (const signature of signatures as Signature[]) {
        signed.push(
          await tx.signOff.create({
            data: {
              instanceId: instance.id,
              stagePosition: stage.position,
              stageName: stage.name,
              check: signature.check,
              userId: actor.id,
              role: signature.role,
              decision: data.decision,
              reason: data.reason,
              contentHash: instance.contentHash,
            },
          }),
        );
        await recordAudit(tx, {
          actorId: actor.id,
          role: signature.role,
          action: "review.signoff",
          subject: `review:${instance.id}`,
          data: {
            stage: stage.name,
            check: signature.check,
            decision: data.decision,
            reason: data.reason,
            contentHash: instance.contentHash,
            resourceId: instance.resourceId,
          },
          ...context,
        });
      }
      await settleAfterSigning(tx, {
        instance,
        unit,
        stages,
        stage,
        signed,
        role: signatures[0]!.role,
        actor,
        context,
      });
      return signed;
    }),
  );
}

type Locked = Awaited<ReturnType<typeof lockInstance>>;

/** What follows the sign-offs: the review ends, moves to its next stage, or waits for more checks. */
async function settleAfterSigning(
  tx: Tx,
  input: {
    instance: Locked;
    unit: UnitFacts;
    stages: Stage[];
    stage: Stage;
    signed: SignOff[];
    role: string;
    actor: Principal;
    context: Context;
  },
) {
  const { instance, unit, stages, stage, signed, actor, context } = input;
  const decision = signed[0]!.decision;
  const reason = signed[0]!.reason;
  const title = instance.revision.title;
  const interested = [instance.submittedById, instance.revision.authorId];
  if (decision !== "APPROVE") {
    await tx.reviewInstance.update({
      where: { id: instance.id },
      data: { status: decision === "RETURN" ? "RETURNED" : "REJECTED", completedAt: new Date(), currentStage: -1 },
    });
    await tx.resource.update({ where: { id: instance.resourceId }, data: { state: "DRAFT" } });
    await closeReviewTasks(tx, [instance.id]);
    await notify(
      tx,
      interested,
      `${decision === "RETURN" ? "退回修改" : "不予发布"}：${title}（${reason}）`,
      `/admin/review/${instance.id}`,
    );
    return;
  }
  const signOffs = [...instance.signOffs, ...signed];
  const next = currentStage(stages, instance.flagged, signOffs);
  // Who signed a stage signs no other one, unless the workflow allows it (DESIGN invariant 3).
  const barredFrom = (position: number) => [
    instance.revision.authorId,
    ...instance.barredUserIds,
    ...(instance.allowSameSigner
      ? []
      : signOffs.filter((signOff) => signOff.stagePosition !== position).map((signOff) => signOff.userId)),
  ];
  if (next && next.position === stage.position) {
    // Checks of this stage still wait: the task stays with whoever may still sign one.
    await closeStageTasks(
      tx,
      instance.id,
      stage.position,
      await eligibleUsers(tx, unit, stage, signOffs, barredFrom(stage.position)),
    );
    return;
  }
  await closeStageTasks(tx, instance.id, stage.position, []);
  if (next) {
    await tx.reviewInstance.update({
      where: { id: instance.id },
      data: { currentStage: next.position, stageSince: new Date() },
    });
    await notifyStage(tx, instance.id, title, unit, next, signOffs, barredFrom(next.position));
    return;
  }
  await tx.reviewInstance.update({
    where: { id: instance.id },
    data: { status: "APPROVED", completedAt: new Date(), currentStage: -1 },
  });
  await closeReviewTasks(tx, [instance.id]);
  if (instance.resource.version === instance.revision.number)
    await tx.resource.update({ where: { id: instance.resourceId }, data: { state: "APPROVED" } });
  await recordAudit(tx, {
    actorId: actor.id,
    role: input.role,
    action: "review.approve",
    subject: `review:${instance.id}`,
    data: { resourceId: instance.resourceId, contentHash: instance.contentHash },
    ...context,
  });
  // Publishing (lib/publish/approval.ts) carries out the submitter's choice in this transaction.
  await emit("review.approved", {
    tx,
    instance: {
      id: instance.id,
      resourceId: instance.resourceId,
      publishMode: instance.publishMode,
      publishAt: instance.publishAt,
      submittedById: instance.submittedById,
      title,
    },
    interested,
    actorId: actor.id,
    role: input.role,
    context,
  });
}
