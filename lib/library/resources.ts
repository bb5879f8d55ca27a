import { z } from "zod";
import { CONTROL_CHARACTER_MESSAGE, isCleanJson, zText } from "@/lib/validation/text";
import { getDb, type Tx } from "@/lib/db/client";
import { getOrgTree } from "@/lib/org/tree";
import { ResourceKind } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { conflict, invalid, notFound, unauthenticated } from "@/lib/errors";
import { parseInput, parseNestedInput } from "@/lib/validation/parse";
import type { RequestContext } from "@/lib/auth/authenticate";
import { bodyText, computeContentHash, type RichText } from "@/lib/library/content";
import { allocateUnitIndexNumber } from "@/lib/library/index-number";
import { kindIssues, ZRevisionMetadata, ZStoredRevisionMetadata, type TRevisionMetadata } from "@/lib/library/metadata";
import { diffText, type DiffSegment } from "@/lib/library/diff";
import { checkTitleImage } from "@/lib/library/title-image";
import { emit } from "@/lib/events/bus";

// The central kitchen (先入库，后使用): resources and their immutable revisions. Every save is a
// new revision with a content hash; a save must name the version it was based on, so two people
// editing at once never overwrite each other silently (DESIGN invariant 5).

type Context = Partial<RequestContext>;

// Bodies and metadata are stored as jsonb: a control character in any string is refused here
// (PostgreSQL cannot store NUL in jsonb), not left to fail the insert.
const ZBody = z.custom<RichText>(
  (value) =>
    typeof value === "object" && value !== null && (value as { type?: unknown }).type === "doc" && isCleanJson(value),
  "正文格式不正确",
);
const ZMetadataInput = z.unknown().refine((value) => isCleanJson(value), { message: CONTROL_CHARACTER_MESSAGE });

export const ZCreateResource = z.object({
  kind: z
    .enum(ResourceKind, { message: "请选择稿件类型" })
    // The public copy of a letter is made from the letter by 留言选登 (lib/interaction/publish).
    .refine((kind) => kind !== "INTERACTION_REPLY", "留言答复由政民互动的“留言选登”生成，不能直接新建。")
    // 征集结果反馈 is drafted from a closed consultation (lib/interaction/consult).
    .refine((kind) => kind !== "CONSULTATION_RESULT", "征集结果反馈由征集调查结束后生成，不能直接新建。")
    // 访谈实录 is assembled from the interview's record (lib/interaction/interview).
    .refine((kind) => kind !== "INTERVIEW_TRANSCRIPT", "访谈实录由在线访谈的记录整理生成，不能直接新建。")
    // 告知书 is drafted from a 政府信息公开申请 (lib/disclosure).
    .refine((kind) => kind !== "DISCLOSURE_NOTICE", "依申请公开告知书由政府信息公开申请办理生成，不能直接新建。")
    // 政府信息公开年报 is drafted from the unit's figures of the year (lib/disclosure/report-draft).
    .refine((kind) => kind !== "DISCLOSURE_REPORT", "政府信息公开年报由年度报告页面生成，不能直接新建。")
    // 网站年度报表、监管年度报表、月度工作报告 are drafted from a signed report (lib/reports/website-annual).
    .refine((kind) => kind !== "SITE_REPORT", "网站工作报表由报表页面签发后生成，不能直接新建。"),
  ownerOrgId: z.uuid("请选择所属单位"),
});

export const ZSaveRevision = z.object({
  resourceId: z.uuid(),
  /** The resource version the editor started from. */
  baseVersion: z.coerce.number().int().min(0),
  title: zText().trim().min(1, "请填写标题").max(200, "标题不超过 200 字"),
  body: ZBody,
  metadata: ZMetadataInput,
});
export type TSaveRevision = z.infer<typeof ZSaveRevision>;

/** Loads a resource the actor may see, or answers "not found" (existence is not disclosed). */
export async function loadVisibleResource(actor: Principal | null, resourceId: string) {
  if (!actor) throw unauthenticated();
  if (!z.uuid().safeParse(resourceId).success) throw notFound();
  const resource = await getDb().resource.findUnique({ where: { id: resourceId } });
  const can = await createPermissionChecker(actor);
  if (!resource || !can("resource.view", { orgId: resource.ownerOrgId })) throw notFound();
  // 回收站 (lib/library/trash.ts): nothing reads, edits, places or submits an item there until it is restored.
  if (resource.trashedAt) throw notFound("该稿件已移入回收站，恢复后才能查看或编辑。");
  return resource;
}

export async function createResource(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  const { kind, ownerOrgId } = parseInput(ZCreateResource, input, "请检查填写的内容。");
  const role = await assertCan(actor, "resource.create", { orgId: ownerOrgId });
  return getDb().$transaction(async (tx) => {
    const resource = await tx.resource.create({
      data: { kind, ownerOrgId, createdById: actor.id, validity: kind === "POLICY" ? "VALID" : null },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "resource.create",
      subject: `resource:${resource.id}`,
      data: { kind },
      ...context,
    });
    return resource;
  });
}

async function allocateIndexNumber(tx: Tx, orgId: string, now: Date): Promise<string | null> {
  // Sections issue under their host unit's code: the nearest unit up the tree that has one.
  const tree = await getOrgTree();
  const unit = tree
    .lineage(orgId)
    .map((id) => tree.get(id))
    .find((row) => row?.code);
  if (!unit?.code) return null;
  return allocateUnitIndexNumber(tx, { id: unit.id, code: unit.code }, now);
}

async function checkRelations(tx: Tx, actor: Principal, resourceId: string, metadata: TRevisionMetadata) {
  const can = await createPermissionChecker(actor);
  const targets = await tx.resource.findMany({
    where: { id: { in: metadata.relations.map((relation) => relation.targetId) } },
    include: { publications: { where: { withdrawnAt: null }, select: { id: true }, take: 1 } },
  });
  for (const relation of metadata.relations) {
    const target = targets.find((candidate) => candidate.id === relation.targetId);
    // A linked document must exist and be published or visible to the actor.
    if (!target || (target.publications.length === 0 && !can("resource.view", { orgId: target.ownerOrgId }))) {
      throw invalid("关联的文件不存在或无权查看。", { relations: ["关联的文件不存在或无权查看"] });
    }
    if (target.id === resourceId) throw invalid("不能关联稿件自身。", { relations: ["不能关联稿件自身"] });
    if (relation.kind !== "BASED_ON" && target.kind !== "POLICY") {
      throw invalid("修订、废止、解读的对象须是政策文件。", { relations: ["关联对象须是政策文件"] });
    }
  }
}

type SaveOptions = {
  /** Checked under the resource's row lock, before anything is written (e.g. "no review running"). */
  guard?: (tx: Tx) => Promise<void>;
  /** 恢复此版本: the number of the old revision whose content this save repeats (audited as a restore). */
  restoredFrom?: number;
};

/**
 * Saves a new immutable revision. Refused with a conflict when someone else saved since
 * `baseVersion`; the conflict carries what they changed so the editor can merge.
 */
export async function saveRevision(
  actor: Principal | null,
  input: unknown,
  context: Context = {},
  options: SaveOptions = {},
) {
  if (!actor) throw unauthenticated();
  const {
    resourceId,
    baseVersion,
    title,
    body,
    metadata: metadataInput,
  } = parseInput(ZSaveRevision, input, "请检查填写的内容。");
  const resource = await loadVisibleResource(actor, resourceId);
  const role = await assertCan(actor, "resource.edit", { orgId: resource.ownerOrgId });
  const metadata = parseNestedInput(ZRevisionMetadata, metadataInput, {
    prefix: "metadata.",
    message: (first) => `元数据填写有误：${first}`,
  });
  const issues = kindIssues(resource.kind, metadata);
  if (issues.length)
    throw invalid(
      issues[0]!.message,
      Object.fromEntries(issues.map((issue) => [`metadata.${issue.path}`, [issue.message]])),
    );

  const contentHash = computeContentHash({ title, body, metadata });
  // Loaded by the writers only: the readers of this module (publishing, deliveries) start without it.
  const { renderBodyHtml } = await import("@/lib/library/render-body");
  const bodyHtml = renderBodyHtml(body);
  const now = new Date();
  return getDb().$transaction(async (tx) => {
    // Row lock: concurrent saves of one resource queue here and see each other's version.
    const [locked] = await tx.$queryRaw<
      { version: number }[]
    >`select version from "Resource" where id = ${resourceId}::uuid for update`;
    if (locked!.version !== baseVersion) throw await conflictFor(tx, resourceId, baseVersion);
    await options.guard?.(tx);
    const latest = await tx.revision.findFirst({ where: { resourceId }, orderBy: { number: "desc" } });
    if (latest?.contentHash === contentHash) {
      await tx.workingDraft.deleteMany({ where: { resourceId, userId: actor.id } });
      return { revision: latest, created: false };
    }
    await checkRelations(tx, actor, resourceId, metadata);
    await checkTitleImage(tx, actor, metadata);
    const number = locked!.version + 1;
    const revision = await tx.revision.create({
      data: { resourceId, number, title, body, bodyHtml, metadata, contentHash, authorId: actor.id, createdAt: now },
    });
    const indexNumber =
      resource.indexNumber ??
      (resource.kind === "MEDIA" ? null : await allocateIndexNumber(tx, resource.ownerOrgId, now));
    await tx.resource.update({
      where: { id: resourceId },
      data: {
        version: number,
        title,
        themeCode: metadata.themeCode ?? null,
        genre: metadata.policy?.genre ?? null,
        expiresOn: metadata.policy?.expiresOn ? new Date(`${metadata.policy.expiresOn}T00:00:00Z`) : null,
        indexNumber,
        // An edit of an approved or published item is a new draft that needs review again.
        state: resource.state === "WITHDRAWN" ? resource.state : "DRAFT",
        updatedAt: now,
      },
    });
    await tx.resourceRelation.deleteMany({ where: { fromId: resourceId } });
    if (metadata.relations.length) {
      await tx.resourceRelation.createMany({
        data: metadata.relations.map((relation) => ({
          fromId: resourceId,
          toId: relation.targetId,
          kind: relation.kind,
        })),
        skipDuplicates: true,
      });
    }
    await tx.workingDraft.deleteMany({ where: { resourceId, userId: actor.id } });
    // Under review: the running review is cancelled and a new one opens for this text.
    const reopened: { reviewInstanceId: string | null } = { reviewInstanceId: null };
    await emit("resource.revised", { tx, resourceId, revision, role, context, outcome: reopened });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: options.restoredFrom ? "resource.revision.restore" : "resource.revision.save",
      subject: `resource:${resourceId}`,
      data: {
        number,
        contentHash,
        before: latest ? { number: latest.number, contentHash: latest.contentHash } : null,
        ...(options.restoredFrom ? { restoredFrom: options.restoredFrom } : {}),
      },
      ...context,
    });
    return { revision, created: true, reviewInstanceId: reopened.reviewInstanceId };
  });
}

export type SaveConflictDetails = {
  baseVersion: number;
  currentVersion: number;
  theirs: { number: number; title: string; author: string; at: string; bodyText: string };
  /** What changed between the version the editor started from and the current one. */
  changes: DiffSegment[];
};

async function conflictFor(tx: Tx, resourceId: string, baseVersion: number) {
  const base = await tx.revision.findFirst({
    where: { resourceId, number: baseVersion },
    select: { title: true, body: true },
  });
  const current = await tx.revision.findFirstOrThrow({
    where: { resourceId },
    orderBy: { number: "desc" },
    include: { author: { select: { displayName: true } } },
  });
  const baseText = base ? `${base.title}\n${bodyText(base.body as RichText)}` : "";
  const currentText = `${current.title}\n${bodyText(current.body as RichText)}`;
  const details: SaveConflictDetails = {
    baseVersion,
    currentVersion: current.number,
    theirs: {
      number: current.number,
      title: current.title,
      author: current.author.displayName,
      at: current.createdAt.toISOString(),
      bodyText: bodyText(current.body as RichText),
    },
    changes: diffText(baseText, currentText),
  };
  return conflict(
    `${current.author.displayName} 已于您打开后保存了第 ${current.number} 版。您的内容尚未保存：请对照对方的修改合并后再保存，或另存为新修订。`,
    details,
  );
}

/** Everything the editor page needs, including this person's autosaved working copy. */
export async function getResourceForEdit(actor: Principal | null, resourceId: string) {
  const resource = await loadVisibleResource(actor, resourceId);
  const db = getDb();
  const [latest, draft, owner, canEdit] = await Promise.all([
    db.revision.findFirst({ where: { resourceId }, orderBy: { number: "desc" } }),
    db.workingDraft.findUnique({ where: { resourceId_userId: { resourceId, userId: actor!.id } } }),
    db.organization.findUniqueOrThrow({ where: { id: resource.ownerOrgId }, select: { name: true } }),
    createPermissionChecker(actor).then((can) => can("resource.edit", { orgId: resource.ownerOrgId })),
  ]);
  return {
    resource: { ...resource, ownerName: owner.name },
    latest: latest
      ? {
          number: latest.number,
          title: latest.title,
          body: latest.body as RichText,
          metadata: ZStoredRevisionMetadata.parse(latest.metadata),
        }
      : null,
    workingDraft:
      draft && (!latest || draft.updatedAt > latest.createdAt)
        ? {
            baseVersion: draft.baseVersion,
            title: draft.title,
            body: draft.body as RichText,
            metadata: draft.metadata,
            updatedAt: draft.updatedAt,
          }
        : null,
    canEdit,
  };
}

export const ZWorkingDraft = z.object({
  resourceId: z.uuid(),
  baseVersion: z.coerce.number().int().min(0),
  title: zText().max(200),
  body: ZBody,
  metadata: ZMetadataInput,
});

/**
 * Autosave: keeps this person's working copy of the resource (overwritten every few seconds).
 * Not a revision and not audited as one; it is private to its author until saved.
 */
export async function saveWorkingDraft(actor: Principal | null, input: unknown) {
  const { resourceId, baseVersion, title, body, metadata } = parseInput(
    ZWorkingDraft,
    input,
    "自动保存的内容格式不正确。",
  );
  const resource = await loadVisibleResource(actor, resourceId);
  await assertCan(actor, "resource.edit", { orgId: resource.ownerOrgId });
  const now = new Date();
  await getDb().workingDraft.upsert({
    where: { resourceId_userId: { resourceId, userId: actor!.id } },
    create: {
      resourceId,
      userId: actor!.id,
      baseVersion,
      title,
      body,
      metadata: (metadata ?? {}) as object,
      updatedAt: now,
    },
    update: { baseVersion, title, body, metadata: (metadata ?? {}) as object, updatedAt: now },
  });
  return { savedAt: now };
}

export async function listRevisions(actor: Principal | null, resourceId: string) {
  const resource = await loadVisibleResource(actor, resourceId);
  const revisions = await getDb().revision.findMany({
    where: { resourceId },
    orderBy: { number: "desc" },
    select: {
      id: true,
      number: true,
      title: true,
      contentHash: true,
      createdAt: true,
      author: { select: { displayName: true } },
    },
  });
  return { resource, revisions: revisions.map((revision) => ({ ...revision, author: revision.author.displayName })) };
}

/** Two revisions side by side, diffed by word (Chinese segmented with Intl.Segmenter). */
export async function compareRevisions(
  actor: Principal | null,
  resourceId: string,
  numbers: { from: number; to: number },
) {
  await loadVisibleResource(actor, resourceId);
  const revisions = await getDb().revision.findMany({
    where: { resourceId, number: { in: [numbers.from, numbers.to] } },
    include: { author: { select: { displayName: true } } },
  });
  const from = revisions.find((revision) => revision.number === numbers.from);
  const to = revisions.find((revision) => revision.number === numbers.to);
  if (!from || !to) throw notFound("所选的修订版本不存在。");
  const text = (revision: typeof from) => `${revision.title}\n\n${bodyText(revision.body as RichText)}`;
  const describe = (revision: typeof from) => ({
    number: revision.number,
    author: revision.author.displayName,
    at: revision.createdAt,
  });
  return { from: describe(from), to: describe(to), segments: diffText(text(from), text(to)) };
}
