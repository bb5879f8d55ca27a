process.env.INTERACTION_CAPTCHA_COST = "1";
process.env.INTERACTION_CAPTCHA_MAX_COUNTER = "20";

import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { getIdentityFile } from "@/lib/disclosure/get-identity-file";
import { getAssetFile } from "@/lib/library/assets";
import { actorFor, fileDb, makeUser, orgId } from "../helpers";
import { refused } from "../support/interaction";
import { apply, IDENTITY_PNG, requestOf } from "../support/disclosure";

// The applicant's identity document (条例第二十九条 身份证明) is private: the disclosure office of
// the unit asked downloads it, and each download is audited; another unit's disclosure office,
// staff of the same unit without a disclosure role and the public get nothing, and the file is
// never reachable as a library asset.

let siteId: string;
let district: string;
let officer: Actor;
let head: Actor;
let otherOfficer: Actor;
let editor: Actor;
let request: { id: string; trackingCode: string };
let attachmentId: string;

const downloads = () =>
  getDb().auditEvent.findMany({
    where: { action: "disclosure.identity_downloaded", subject: `disclosure:${request.id}` },
    orderBy: { seq: "asc" },
  });

beforeAll(async () => {
  const db = await fileDb();
  siteId = (await db.site.findFirstOrThrow({ orderBy: { position: "asc" } })).id;
  district = await orgId("重庆市沙坪坝区人民政府");
  officer = await makeUser("id-officer", "DISCLOSURE_OFFICER", "重庆市沙坪坝区人民政府");
  head = await makeUser("id-head", "DISCLOSURE_HEAD", "重庆市沙坪坝区人民政府");
  otherOfficer = await makeUser("id-other-officer", "DISCLOSURE_OFFICER", "重庆市文化和旅游发展委员会");
  editor = await actorFor("editor");
  const receipt = await apply(siteId, district, new Date());
  request = await requestOf(receipt.trackingCode);
  attachmentId = (await db.disclosureAttachment.findFirstOrThrow({ where: { requestId: request.id } })).id;
});

describe("the applicant's identity document", () => {
  it("is downloaded by the disclosure office of the unit asked, each download audited", async () => {
    const file = await getIdentityFile(
      officer,
      { requestId: request.id, attachmentId },
      { ip: "10.0.0.8", userAgent: "vitest" },
    );
    expect(new Uint8Array(file.bytes)).toEqual(IDENTITY_PNG);
    expect(file.attachment).toMatchObject({ fileName: "身份证.png", mimeType: "image/png", purpose: "IDENTITY" });
    await getIdentityFile(head, { requestId: request.id, attachmentId });
    const audit = await downloads();
    expect(audit.map((row) => [row.actorId, row.role])).toEqual([
      [officer.id, "DISCLOSURE_OFFICER"],
      [head.id, "DISCLOSURE_HEAD"],
    ]);
    expect(audit[0]).toMatchObject({
      ip: "10.0.0.8",
      data: { trackingCode: request.trackingCode, attachmentId, fileName: "身份证.png" },
    });
  });

  it("is not found for another unit's office or same-unit staff without a disclosure role, unaudited", async () => {
    const before = (await downloads()).length;
    await refused(() => getIdentityFile(otherOfficer, { requestId: request.id, attachmentId }), "NOT_FOUND");
    await refused(() => getIdentityFile(editor, { requestId: request.id, attachmentId }), "NOT_FOUND");
    expect(await downloads()).toHaveLength(before);
  });

  it("asks the public to sign in and never serves it as a library asset", async () => {
    await refused(() => getIdentityFile(null, { requestId: request.id, attachmentId }), "UNAUTHENTICATED");
    await refused(() => getAssetFile(null, attachmentId), "NOT_FOUND");
    const attachment = await getDb().disclosureAttachment.findUniqueOrThrow({ where: { id: attachmentId } });
    expect(await getDb().asset.count({ where: { storageKey: attachment.storageKey } })).toBe(0);
  });

  it("is found only under its own request", async () => {
    const other = await requestOf(
      (await apply(siteId, district, new Date(), { infoTitle: "另一件申请" })).trackingCode,
    );
    // The right office, but the file of one request asked for under another's id.
    await refused(() => getIdentityFile(officer, { requestId: other.id, attachmentId }), "NOT_FOUND");
    await refused(() => getIdentityFile(officer, { requestId: request.id, attachmentId: "not-a-uuid" }), "NOT_FOUND");
    await refused(
      () => getIdentityFile(officer, { requestId: "00000000-0000-4000-8000-000000000000", attachmentId }),
      "NOT_FOUND",
    );
  });
});
