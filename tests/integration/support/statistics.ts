import { createHash, randomUUID } from "node:crypto";
import { getDb } from "@/lib/db/client";
import type { OrgKind, ResourceKind, Role } from "@/lib/db/generated/client";
import { blocksToDoc } from "@/lib/library/content";
import { orgId } from "../helpers";

// Records with chosen times for the statistics tests: the figures are counted from what the
// library, review and publication tables hold, so the tests write those rows as they would stand
// after months of work (times in the past cannot be made through the use cases), and compare the
// page's figures with the ones counted by hand.

/** A China wall-clock time ("2025-01-12T09:00:00") as a Date. */
export const china = (time: string) => new Date(`${time}+08:00`);

export async function makeUnit(name: string, parentName: string, kind: OrgKind = "HOST") {
  return getDb().organization.create({ data: { name, kind, parentId: await orgId(parentName) } });
}

export async function makeMember(username: string, displayName: string, unitId: string, role: Role = "EDITOR") {
  return getDb().user.create({
    data: {
      username,
      displayName,
      passwordHash: "x",
      mustChangePassword: false,
      memberships: { create: { orgId: unitId, role } },
    },
  });
}

type ItemSpec = {
  orgId: string;
  authorId: string;
  title: string;
  kind?: ResourceKind;
  createdAt: Date;
  publishedAt?: Date;
  reprint?: boolean;
  corrections?: Date[];
  withdrawnAt?: Date;
  columnIds?: string[];
  trashed?: boolean;
};

/** A 稿件 with its first revision, and, as asked, its publication, corrections, withdrawal and placements. */
export async function makeItem(spec: ItemSpec) {
  const db = getDb();
  const resource = await db.resource.create({
    data: {
      kind: spec.kind ?? "ARTICLE",
      ownerOrgId: spec.orgId,
      createdById: spec.authorId,
      title: spec.title,
      createdAt: spec.createdAt,
      version: 1 + (spec.corrections?.length ?? 0),
      state: spec.withdrawnAt ? "WITHDRAWN" : spec.publishedAt ? "PUBLISHED" : "DRAFT",
      trashedAt: spec.trashed ? spec.createdAt : null,
    },
  });
  const revision = async (number: number, reprint: boolean) => {
    const metadata = reprint
      ? { source: { type: "reprint", originName: "中国政府网" } }
      : { source: { type: "original" } };
    return db.revision.create({
      data: {
        resourceId: resource.id,
        number,
        title: spec.title,
        body: blocksToDoc([{ type: "paragraph", text: spec.title }]),
        bodyHtml: `<p>${spec.title}</p>`,
        metadata,
        contentHash: createHash("sha256").update(`${resource.id}:${number}`).digest("hex"),
        authorId: spec.authorId,
        createdAt: spec.createdAt,
      },
    });
  };
  const first = await revision(1, spec.reprint ?? false);
  if (spec.publishedAt) {
    const times = [spec.publishedAt, ...(spec.corrections ?? [])];
    for (const [index, publishedAt] of times.entries()) {
      const carried = index === 0 ? first : await revision(index + 1, spec.reprint ?? false);
      const last = index === times.length - 1;
      await db.publication.create({
        data: {
          resourceId: resource.id,
          revisionId: carried.id,
          origin: "IMPORTED",
          contentHash: carried.contentHash,
          publishedAt,
          firstPublishedAt: index === 0 ? null : spec.publishedAt,
          supersededAt: last ? null : times[index + 1],
          correctionNote: index === 0 ? null : "更正错别字",
          withdrawnAt: last ? (spec.withdrawnAt ?? null) : null,
          withdrawReason: last && spec.withdrawnAt ? "内容已过时" : null,
        },
      });
    }
  }
  for (const columnId of spec.columnIds ?? [])
    await db.placement.create({ data: { columnId, resourceId: resource.id } });
  return { resource, revision: first };
}

type ReviewSpec = {
  resourceId: string;
  revisionId: string;
  submittedById: string;
  submittedAt: Date;
  status: "IN_PROGRESS" | "APPROVED" | "RETURNED";
  currentStage?: number;
  /** Sign-offs: stage position and name, signer, decision, hours after submission. */
  signOffs: { position: number; name: string; userId: string; hours: number; decision?: "APPROVE" | "RETURN" }[];
  completedAfterHours?: number;
  columnIds?: string[];
};

const HOUR = 3_600_000;

export async function makeReview(spec: ReviewSpec) {
  const db = getDb();
  const workflow = await db.workflow.findFirstOrThrow({ where: { orgId: null, kind: null, forReprint: false } });
  const instance = await db.reviewInstance.create({
    data: {
      resourceId: spec.resourceId,
      revisionId: spec.revisionId,
      contentHash: randomUUID(),
      workflowId: workflow.id,
      workflowName: workflow.name,
      stages: [],
      findings: [],
      status: spec.status,
      currentStage: spec.status === "IN_PROGRESS" ? (spec.currentStage ?? 0) : -1,
      submittedById: spec.submittedById,
      submittedAt: spec.submittedAt,
      completedAt:
        spec.completedAfterHours === undefined
          ? null
          : new Date(spec.submittedAt.getTime() + spec.completedAfterHours * HOUR),
      columnIds: spec.columnIds ?? [],
    },
  });
  for (const sign of spec.signOffs)
    await db.signOff.create({
      data: {
        instanceId: instance.id,
        stagePosition: sign.position,
        stageName: sign.name,
        userId: sign.userId,
        role: "CHECK_REVIEWER",
        decision: sign.decision ?? "APPROVE",
        contentHash: instance.contentHash,
        at: new Date(spec.submittedAt.getTime() + sign.hours * HOUR),
      },
    });
  return instance;
}

type SubmissionSpec = {
  resourceId: string;
  revisionId: string;
  fromOrgId: string;
  submittedById: string;
  toSiteId: string;
  submittedAt: Date;
  adoptedAt?: Date;
  returnedAt?: Date;
  columnIds?: string[];
};

/** A 报送 as it stands after the desk's decision (adopted, returned, or still pending). */
export async function makeSubmission(spec: SubmissionSpec) {
  return getDb().submission.create({
    data: {
      resourceId: spec.resourceId,
      revisionId: spec.revisionId,
      fromOrgId: spec.fromOrgId,
      submittedById: spec.submittedById,
      toSiteId: spec.toSiteId,
      submittedAt: spec.submittedAt,
      state: spec.adoptedAt ? "ADOPTED" : spec.returnedAt ? "RETURNED" : "SUBMITTED",
      adoptedAt: spec.adoptedAt ?? null,
      adoptedById: spec.adoptedAt ? spec.submittedById : null,
      returnedAt: spec.returnedAt ?? null,
      returnedById: spec.returnedAt ? spec.submittedById : null,
      reason: spec.returnedAt ? "内容与本网站栏目定位不符" : null,
      columnIds: spec.adoptedAt ? (spec.columnIds ?? []) : [],
    },
  });
}

/** An approved item of `orgId` submitted to `toSiteId`, with the desk's decision. */
export async function submitItem(
  spec: Omit<SubmissionSpec, "resourceId" | "revisionId"> & { title: string; reprint?: boolean },
) {
  const { resource, revision } = await makeItem({
    orgId: spec.fromOrgId,
    authorId: spec.submittedById,
    title: spec.title,
    createdAt: new Date(spec.submittedAt.getTime() - 86_400_000),
    publishedAt: new Date(spec.submittedAt.getTime() - 3_600_000),
    reprint: spec.reprint,
  });
  return makeSubmission({ ...spec, resourceId: resource.id, revisionId: revision.id });
}
