import { getDb } from "@/lib/db/client";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import type { Actor } from "@/lib/auth/session";
import { orgId } from "../helpers";

// Drafting, submitting and signing on the seeded district platform, for the review tests.

export const SECTION = "区政府办公室政务公开科";
export const DISTRICT = "重庆市沙坪坝区人民政府";
export const CHECKS = ["politics", "law", "policy", "secrecy", "wording"];
export const ARTICLE_METADATA = { source: { type: "original" } };

export async function columnId(slug: string, host = "localhost") {
  return (await getDb().column.findFirstOrThrow({ where: { slug, site: { hosts: { some: { host } } } } })).id;
}

export async function draft(author: Actor, title: string, text: string) {
  const resource = await createResource(author, { kind: "ARTICLE", ownerOrgId: await orgId(SECTION) });
  const { revision } = await saveRevision(author, {
    resourceId: resource.id,
    baseVersion: 0,
    title,
    body: blocksToDoc([{ type: "paragraph", text }]),
    metadata: ARTICLE_METADATA,
  });
  return { resource, revision };
}

/** A district article submitted for review, to be published on approval in 要闻动态. */
export async function submitted(author: Actor, title: string, text: string, extra: Record<string, unknown> = {}) {
  const { resource, revision } = await draft(author, title, text);
  const instance = await submitForReview(author, {
    resourceId: resource.id,
    baseVersion: revision.number,
    publishMode: "ON_APPROVAL",
    columnIds: [await columnId("ywdt")],
    ...extra,
  });
  return { resource, revision, instance };
}

export async function signChecks(reviewer: Actor, instanceId: string, contentHash: string, checks = CHECKS) {
  for (const check of checks)
    await signOff(reviewer, { instanceId, stagePosition: 0, check, decision: "APPROVE", contentHash });
}

/** The five checks, then the 直接责任人: the default workflow's whole approval of one review. */
export async function approveReview(reviewer: Actor, deputy: Actor, instanceId: string, contentHash: string) {
  await signChecks(reviewer, instanceId, contentHash);
  await signOff(deputy, { instanceId, stagePosition: 1, decision: "APPROVE", contentHash });
}
