process.env.INTERACTION_CAPTCHA_COST = "1";
process.env.INTERACTION_CAPTCHA_MAX_COUNTER = "20";

import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { submitForReview } from "@/lib/review/instances";
import { selectLetter } from "@/lib/interaction/publish/select-letter";
import { adoptReply } from "@/lib/interaction/qa/adopt-reply";
import { confirmQaEntry } from "@/lib/interaction/qa/confirm-entry";
import { listQaEntries } from "@/lib/interaction/qa/list-entries";
import { getServedQa, listServedQa } from "@/lib/interaction/qa/public-qa";
import { expirePolicies } from "@/lib/library/policy-validity";
import { chinaToday } from "@/lib/time/china";
import { actorFor, orgId } from "./helpers";
import { answerLetter, letterOf, letterSite, letterStaff, refused, writeLetter } from "./support/interaction";
import { approveReview, columnId, SECTION } from "./support/review";

// The 答问库 on the real database: 采纳为答问 from a published letter reply (and its refusals), the
// 待复核 flag set by a linked policy's correction, repeal, revision and expiry through the outbox,
// cleared by a reviewer's confirmation or by the entry's re-review, and the 有效期 on the portal.

let siteId: string;
let handler: Actor;
let deputy: Actor;
let reviewer: Actor;
let editor: Actor;
let sectionHandler: Actor;
let otherUnitHandler: Actor;
let section: string;

const doc = (text: string) => blocksToDoc([{ type: "paragraph", text }]);
const POLICY = (docNumber: string | null, extra: Record<string, unknown> = {}) => ({
  source: { type: "original" },
  policy: { docNumber, issuer: "重庆市沙坪坝区人民政府办公室", writtenOn: "2026-03-02", genre: "通知", ...extra },
});

/** Saves a new revision of `resourceId` (or a new item of `kind`) and publishes it in `slug` through review. */
async function publish(
  kind: "POLICY" | "QA",
  title: string,
  text: string,
  metadata: Record<string, unknown>,
  slug: string,
  resourceId?: string,
) {
  const id = resourceId ?? (await createResource(editor, { kind, ownerOrgId: section })).id;
  const base = (await getDb().resource.findUniqueOrThrow({ where: { id } })).version;
  const { revision } = await saveRevision(editor, {
    resourceId: id,
    baseVersion: base,
    title,
    body: doc(text),
    metadata,
  });
  const instance = await submitForReview(editor, {
    resourceId: id,
    baseVersion: revision.number,
    publishMode: "ON_APPROVAL",
    columnIds: [await columnId(slug)],
    ...(resourceId ? { correctionNote: "更新内容" } : {}),
  });
  await approveReview(reviewer, deputy, instance.id, revision.contentHash);
  return id;
}

const qaMetadata = (qa: Record<string, unknown>) => ({ source: { type: "original" }, qa });

async function entryOf(resourceId: string) {
  return getDb().qaEntry.findUniqueOrThrow({ where: { resourceId }, include: { policies: true } });
}

beforeAll(async () => {
  ({ siteId, handler, deputy } = await letterSite());
  ({ sectionHandler, otherUnitHandler } = await letterStaff());
  reviewer = await actorFor("reviewer");
  editor = await actorFor("editor");
  section = await orgId(SECTION);
});

describe("采纳为答问", () => {
  it("turns a published reply into a draft entry once, for the lead unit's handler only", async () => {
    const receipt = await writeLetter(siteId, {
      content: "我的社保卡丢了，请问在哪里补办？需要带什么材料？我叫王五。",
    });
    const letter = await answerLetter((await letterOf(receipt.queryCode)).id, {
      handler,
      drafter: sectionHandler,
      reviewer: deputy,
      unitId: section,
      body: "您好：社会保障卡遗失后，请先拨打 12333 或通过“渝快办”办理临时挂失，再持本人有效身份证件到就近的社保卡服务网点申请补卡。",
    });
    // Not yet published (no 留言选登): refused, nothing written.
    await refused(() => adoptReply(sectionHandler, { letterId: letter.id }), "CONFLICT");
    const selected = await selectLetter(sectionHandler, {
      letterId: letter.id,
      version: letter.version,
      masks: ["王五"],
    });
    const copy = await getDb().revision.findFirstOrThrow({ where: { resourceId: selected.resourceId } });
    await approveReview(reviewer, deputy, selected.reviewInstanceId, copy.contentHash);

    await refused(() => adoptReply(otherUnitHandler, { letterId: letter.id }), "NOT_FOUND");
    await refused(() => adoptReply(deputy, { letterId: letter.id }), "FORBIDDEN");
    await refused(() => adoptReply(sectionHandler, { letterId: "not-a-uuid" }), "INVALID");
    expect(await getDb().qaEntry.count({ where: { letterId: letter.id } })).toBe(0);

    const { resourceId } = await adoptReply(sectionHandler, { letterId: letter.id });
    const resource = await getDb().resource.findUniqueOrThrow({ where: { id: resourceId } });
    expect(resource).toMatchObject({ kind: "QA", ownerOrgId: section, state: "DRAFT", version: 1 });
    const revision = await getDb().revision.findFirstOrThrow({ where: { resourceId } });
    expect(revision.title).toBe(copy.title);
    expect(revision.bodyHtml).toContain("12333");
    expect(revision.bodyHtml).not.toContain("留言内容");
    expect(JSON.stringify(revision.metadata)).not.toContain("王五");
    expect(JSON.stringify(revision.metadata)).toContain("社保卡丢了");
    const entry = await entryOf(resourceId);
    expect(entry).toMatchObject({ origin: "LETTER_REPLY", letterId: letter.id, unitId: section, flaggedAt: null });
    expect(entry.letterReplyId).toBeTruthy();
    // Twice for the same reply: refused.
    await refused(() => adoptReply(sectionHandler, { letterId: letter.id }), "CONFLICT");
    expect(
      await getDb().auditEvent.count({ where: { subject: `letter:${letter.id}`, action: "interaction.qa.adopt" } }),
    ).toBe(1);
    // The editor completes it in the library editor; it passes review and is served.
    await publish(
      "QA",
      "社会保障卡丢失了怎么补办？",
      "请先挂失，再到社保卡服务网点补卡。",
      qaMetadata({ themes: ["social-security"], unitId: section }),
      "zxdw",
      resourceId,
    );
    const served = await listServedQa(siteId, { theme: "social-security" });
    expect(served.entries.map((row) => row.id)).toContain(resourceId);
    expect((await entryOf(resourceId)).themes).toEqual(["social-security"]);
  });
});

describe("待复核", () => {
  it("flags entries when a linked policy is corrected, repealed or revised; clears on confirmation or re-review", async () => {
    const policyId = await publish(
      "POLICY",
      "沙坪坝区城乡居民医疗保险参保缴费办法",
      "第一条 为规范参保缴费……",
      POLICY(null),
      "zcwj",
    );
    const entryId = await publish(
      "QA",
      "城乡居民医保每年什么时候缴费？",
      "每年 9 月至 12 月集中缴费，缴费后次年 1 月 1 日起享受待遇。",
      qaMetadata({ themes: ["medical-insurance"], policyIds: [policyId] }),
      "zxdw",
    );
    expect((await entryOf(entryId)).policies.map((link) => link.policyId)).toEqual([policyId]);
    expect((await entryOf(entryId)).flaggedAt).toBeNull();

    // A correction of the policy (a new publication replacing the live one).
    await publish(
      "POLICY",
      "沙坪坝区城乡居民医疗保险参保缴费办法",
      "第一条 为规范参保缴费（更正）……",
      POLICY(null),
      "zcwj",
      policyId,
    );
    let entry = await entryOf(entryId);
    expect(entry.flagCause).toBe("POLICY_CORRECTED");
    expect(entry.flagReason).toContain("沙坪坝区城乡居民医疗保险参保缴费办法");
    const listed = await listQaEntries(reviewer, { flagged: "1" });
    expect(listed.entries.find((row) => row.id === entryId)).toMatchObject({ canConfirm: true, state: "served" });

    // A reviewer confirms it still holds; an editor may not; a note is required; twice is refused.
    await refused(() => confirmQaEntry(editor, { resourceId: entryId, note: "口径不变" }), "FORBIDDEN");
    await refused(() => confirmQaEntry(reviewer, { resourceId: entryId, note: "" }), "INVALID");
    await refused(() => confirmQaEntry(otherUnitHandler, { resourceId: entryId, note: "口径不变" }), "NOT_FOUND");
    await confirmQaEntry(reviewer, { resourceId: entryId, note: "更正只涉及文字，答复口径不变。" });
    expect((await entryOf(entryId)).flaggedAt).toBeNull();
    await refused(() => confirmQaEntry(reviewer, { resourceId: entryId, note: "口径不变" }), "CONFLICT");
    expect(
      await getDb().auditEvent.count({
        where: { subject: `resource:${entryId}`, action: "interaction.qa.flag.clear" },
      }),
    ).toBe(1);

    // Repealed by a new document: flagged again, cleared when the entry is revised and re-reviewed.
    await publish(
      "POLICY",
      "关于废止城乡居民医疗保险参保缴费办法的决定",
      "决定废止。",
      { ...POLICY("沙府办发〔2026〕31号", { genre: "决定" }), relations: [{ kind: "REPEALS", targetId: policyId }] },
      "zcwj",
    );
    entry = await entryOf(entryId);
    expect(entry).toMatchObject({ flagCause: "POLICY_REPEALED", flagPolicyId: policyId });
    await publish(
      "QA",
      "城乡居民医保每年什么时候缴费？",
      "按新办法，每年 10 月至 12 月集中缴费。",
      qaMetadata({ themes: ["medical-insurance"], policyIds: [] }),
      "zxdw",
      entryId,
    );
    entry = await entryOf(entryId);
    expect(entry.flaggedAt).toBeNull();
    expect(entry.policies).toEqual([]);
  });

  it("flags an entry whose policy is revised by another or expires", async () => {
    const old = await publish("POLICY", "沙坪坝区就业困难人员认定办法", "第一条……", POLICY(null), "zcwj");
    const lapsing = await publish(
      "POLICY",
      "沙坪坝区创业担保贷款实施细则",
      "第一条……",
      POLICY(null, { expiresOn: "2026-06-30" }),
      "zcwj",
    );
    const revisedEntry = await publish(
      "QA",
      "就业困难人员怎么认定？",
      "向户籍所在地街道申请。",
      qaMetadata({ policyIds: [old] }),
      "zxdw",
    );
    const lapsingEntry = await publish(
      "QA",
      "创业担保贷款额度是多少？",
      "个人最高 30 万元。",
      qaMetadata({ policyIds: [lapsing] }),
      "zxdw",
    );
    await publish(
      "POLICY",
      "沙坪坝区就业困难人员认定办法（2026年修订）",
      "第一条……",
      { ...POLICY("沙府办发〔2026〕32号"), relations: [{ kind: "REVISES", targetId: old }] },
      "zcwj",
    );
    expect((await entryOf(revisedEntry)).flagCause).toBe("POLICY_REVISED");
    expect(await expirePolicies(getDb(), new Date("2026-07-02T00:00:00+08:00"))).toBeGreaterThanOrEqual(1);
    expect((await entryOf(lapsingEntry)).flagCause).toBe("POLICY_EXPIRED");
  });

  it("refuses links to anything but policies and interpretations, and unknown themes", async () => {
    const resource = await createResource(editor, { kind: "QA", ownerOrgId: section });
    const article = await createResource(editor, { kind: "ARTICLE", ownerOrgId: section });
    await refused(
      () =>
        saveRevision(editor, {
          resourceId: resource.id,
          baseVersion: 0,
          title: "问",
          body: doc("答"),
          metadata: qaMetadata({ policyIds: [article.id] }),
        }),
      "INVALID",
    );
    await refused(
      () =>
        saveRevision(editor, {
          resourceId: resource.id,
          baseVersion: 0,
          title: "问",
          body: doc("答"),
          metadata: qaMetadata({ themes: ["no-such-theme"] }),
        }),
      "INVALID",
    );
    await refused(
      () =>
        saveRevision(editor, {
          resourceId: resource.id,
          baseVersion: 0,
          title: "问",
          body: doc("答"),
          metadata: qaMetadata({ validFrom: "2026-05-01", validTo: "2026-04-01" }),
        }),
      "INVALID",
    );
    expect(await getDb().revision.count({ where: { resourceId: resource.id } })).toBe(0);
    expect(await getDb().qaEntry.count({ where: { resourceId: resource.id } })).toBe(0);
  });
});

describe("有效期", () => {
  it("serves an entry only within its validity", async () => {
    const today = chinaToday();
    const expired = await publish(
      "QA",
      "2025 年度城乡居民医保缴费截止时间？",
      "2025 年 12 月 31 日。",
      qaMetadata({ themes: ["medical-insurance"], validFrom: "2025-01-01", validTo: "2025-12-31" }),
      "zxdw",
    );
    const current = await publish(
      "QA",
      "医保个人账户可以家庭共济吗？",
      "可以，职工医保个人账户可用于支付配偶、父母、子女的医疗费用。",
      qaMetadata({ themes: ["medical-insurance"], validFrom: "2025-01-01" }),
      "zxdw",
    );
    const served = (await listServedQa(siteId)).entries.map((row) => row.id);
    expect(served).toContain(current);
    expect(served).not.toContain(expired);
    const site = { id: siteId, platformHosts: [] };
    expect(await getServedQa(site, expired)).toBeNull();
    expect(await getServedQa(site, current)).toMatchObject({ question: "医保个人账户可以家庭共济吗？" });
    // Before it was due to lapse, it was served.
    expect(
      (await listServedQa(siteId, { now: new Date("2025-06-01T12:00:00+08:00") })).entries.map((r) => r.id),
    ).toContain(expired);
    const admin = await listQaEntries(editor, { state: "expired" });
    expect(admin.entries.map((row) => row.id)).toContain(expired);
    expect(today > "2025-12-31").toBe(true);
  });
});

describe("答问主题", () => {
  it("are added, renamed and stopped by the system administrator only", async () => {
    const { createQaTheme, updateQaTheme } = await import("@/lib/interaction/qa/manage-themes");
    const { listQaThemes } = await import("@/lib/interaction/qa/themes");
    const admin = await actorFor("admin");
    await refused(() => createQaTheme(editor, { code: "tax", name: "税费缴纳" }), "FORBIDDEN");
    await refused(() => createQaTheme(admin, { code: "税费", name: "税费缴纳" }), "INVALID");
    await createQaTheme(admin, { code: "tax", name: "税费缴纳" });
    await refused(() => createQaTheme(admin, { code: "tax", name: "税费" }), "CONFLICT");
    await updateQaTheme(admin, { code: "tax", name: "税费办理", active: "" });
    expect((await listQaThemes({ activeOnly: true })).map((theme) => theme.code)).not.toContain("tax");
    expect((await listQaThemes()).find((theme) => theme.code === "tax")).toMatchObject({
      name: "税费办理",
      active: false,
    });
    await refused(() => updateQaTheme(admin, { code: "none", name: "无此主题", active: "on" }), "NOT_FOUND");
    expect(await getDb().auditEvent.count({ where: { subject: "theme:tax" } })).toBe(2);
  });
});
