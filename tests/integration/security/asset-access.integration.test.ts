import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { assetUrl, getAssetFile, uploadAsset } from "@/lib/library/assets";
import { createResource, saveRevision, saveWorkingDraft } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import { withdrawPublication } from "@/lib/publish/withdraw";
import type { Actor } from "@/lib/auth/session";
import { makePng } from "../../fixtures/make-docx";
import { actorsFor, makeUser, orgId, fileDb } from "../helpers";

// Issue #21 item 11: a draft's uploads were served to anyone holding the URL. An asset is public
// only while a live publication shows it; otherwise only people who may read a resource using it
// (or the uploading unit's library) get it, and everyone else gets "not found".

const SECTION = "区政府办公室政务公开科";
const CHECKS = ["politics", "law", "policy", "secrecy", "wording"];

function docWithImage(src: string) {
  return {
    type: "doc",
    content: [
      { type: "paragraph", content: [{ type: "text", text: "现场照片如下。" }] },
      { type: "image", attrs: { src, alt: "现场照片" } },
    ],
  };
}

async function draftWithImage(author: Actor, title: string, assetId: string) {
  const resource = await createResource(author, { kind: "ARTICLE", ownerOrgId: await orgId(SECTION) });
  const { revision } = await saveRevision(author, {
    resourceId: resource.id,
    baseVersion: 0,
    title,
    body: docWithImage(assetUrl({ id: assetId })),
    metadata: { source: { type: "original" } },
  });
  return { resource, revision };
}

async function publishThroughReview(
  author: Actor,
  reviewer: Actor,
  deputy: Actor,
  resourceId: string,
  revisionNumber: number,
) {
  const column = await getDb().column.findFirstOrThrow({
    where: { slug: "ywdt", site: { hosts: { some: { host: "localhost" } } } },
  });
  const instance = await submitForReview(author, {
    resourceId,
    baseVersion: revisionNumber,
    publishMode: "ON_APPROVAL",
    columnIds: [column.id],
  });
  for (const check of CHECKS)
    await signOff(reviewer, {
      instanceId: instance.id,
      stagePosition: 0,
      check,
      decision: "APPROVE",
      contentHash: instance.contentHash,
    });
  await signOff(deputy, {
    instanceId: instance.id,
    stagePosition: 1,
    decision: "APPROVE",
    contentHash: instance.contentHash,
  });
  await getDb().publication.findFirstOrThrow({ where: { resourceId, withdrawnAt: null, supersededAt: null } });
}

describe("assets of unpublished resources", () => {
  it("are private until a live publication shows them, and private again after withdrawal", async () => {
    await fileDb();
    const [editor, reviewer, deputy, principal] = await actorsFor("editor", "reviewer", "deputy", "principal");
    const outsider = await makeUser("wl.asset-outsider", "EDITOR", "重庆市文化和旅游发展委员会");
    const asset = await uploadAsset(editor, { fileName: "未发布照片.png", bytes: await makePng(64, 48) });
    const { resource, revision } = await draftWithImage(editor, "尚未发布的稿件配图测试", asset.id);

    // A draft: the public and another unit's editor learn nothing; the unit's own people see it.
    await expect(getAssetFile(null, asset.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAssetFile(null, asset.id, "thumbnail")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAssetFile(outsider, asset.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAssetFile(editor, asset.id)).resolves.toMatchObject({ access: "private", mimeType: "image/png" });
    await expect(getAssetFile(reviewer, asset.id)).resolves.toMatchObject({ access: "private" });

    await publishThroughReview(editor, reviewer, deputy, resource.id, revision.number);
    await expect(getAssetFile(null, asset.id)).resolves.toMatchObject({ access: "public", mimeType: "image/png" });
    await expect(getAssetFile(outsider, asset.id, "thumbnail")).resolves.toMatchObject({
      access: "public",
      mimeType: "image/webp",
    });

    await withdrawPublication(principal, { resourceId: resource.id, reason: "内容需要核实后再发布" });
    await expect(getAssetFile(null, asset.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAssetFile(outsider, asset.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAssetFile(editor, asset.id)).resolves.toMatchObject({ access: "private" });
  });

  it("follow the resource that uses them: a working copy shares an asset with everyone who may read that resource", async () => {
    await fileDb();
    const [editor, reviewer] = await actorsFor("editor", "reviewer");
    const outsider = await makeUser("wl.asset-outsider2", "EDITOR", "重庆市文化和旅游发展委员会");
    // Uploaded by another unit's editor, then used in this unit's working copy.
    const foreign = await uploadAsset(outsider, { fileName: "外单位图片.png", bytes: await makePng(32, 32) });
    await expect(getAssetFile(reviewer, foreign.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { resource } = await draftWithImage(
      editor,
      "引用外单位图片的稿件",
      (await uploadAsset(editor, { fileName: "本单位.png", bytes: await makePng(20, 20) })).id,
    );
    await saveWorkingDraft(editor, {
      resourceId: resource.id,
      baseVersion: 1,
      title: "引用外单位图片的稿件",
      body: docWithImage(assetUrl(foreign)),
      metadata: { source: { type: "original" } },
    });
    await expect(getAssetFile(reviewer, foreign.id)).resolves.toMatchObject({ access: "private" });
    // The uploader's unit keeps its own library's files; the public still gets nothing.
    await expect(getAssetFile(outsider, foreign.id)).resolves.toMatchObject({ access: "private" });
    await expect(getAssetFile(null, foreign.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("answer an unknown id exactly like a hidden one", async () => {
    await fileDb();
    const [editor] = await actorsFor("editor");
    await expect(getAssetFile(editor, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getAssetFile(null, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
