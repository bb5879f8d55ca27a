process.env.INTERACTION_CAPTCHA_COST = "1";
process.env.INTERACTION_CAPTCHA_MAX_COUNTER = "20";

import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { DomainError, type ErrorCode } from "@/lib/errors";
import type { Actor } from "@/lib/auth/session";
import { newRenderScope, runInScope } from "@/lib/cache/render-scope";
import type { DueDerivation } from "@/lib/interaction/clock";
import { acceptLetter } from "@/lib/interaction/handling/accept-letter";
import { listInteractionTypes } from "@/lib/interaction/list-types";
import { saveInteractionType } from "@/lib/interaction/types/save-type";
import {
  deleteInteractionType,
  listTypesForAdmin,
  moveInteractionType,
  setInteractionTypeActive,
} from "@/lib/interaction/types/arrange-types";
import { interactionTypesTag } from "@/lib/interaction/types/cache-tag";
import { actorFor, fileDb, makeUser, orgId } from "./helpers";
import { writeLetter } from "./support/interaction";

// The site administrators' editor of message types (/admin/sites/[id]/interaction): validation in
// Chinese, the units a site may use, a version check between two administrators, an audit in
// words, the purge of the pages that list the types, deactivation (never deletion) of a type with
// letters, and letters keeping the limits they were received under.

let siteId: string;
let cultureSiteId: string;
let siteadmin: Actor;
let secondAdmin: Actor;
let cultureAdmin: Actor;
let handler: Actor;
let editor: Actor;
let officeUnit: string;
let cultureUnit: string;

async function refused(work: () => Promise<unknown>, code: ErrorCode): Promise<DomainError> {
  const error = await work().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  expect((error as DomainError).message).toMatch(/[\u4e00-\u9fff]/);
  return error as DomainError;
}

const newType = (change: Record<string, unknown> = {}) => ({
  siteId,
  name: "营商环境投诉",
  code: "business",
  category: "COMPLAINT",
  description: "反映营商环境方面的问题，由区政府办公室交有关部门办理。",
  unitId: officeUnit,
  acceptWorkingDays: "1",
  replyUnit: "WORKING_DAYS",
  replyLimit: "5",
  maxWorkingDays: "15",
  replyReviewer: "DIRECT_RESPONSIBLE",
  publicForm: "yes",
  ...change,
});

async function purgedTags(since: bigint): Promise<string[]> {
  const rows = await getDb().portalPurge.findMany({ where: { id: { gt: since } } });
  return rows.flatMap((row) => row.tags);
}

async function lastPurge(): Promise<bigint> {
  return (await getDb().portalPurge.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0n;
}

beforeAll(async () => {
  const db = await fileDb();
  const sites = await db.site.findMany({ orderBy: { position: "asc" } });
  siteId = sites[0]!.id;
  cultureSiteId = sites.find((site) => site.siteCode === "5000000037")!.id;
  [siteadmin, handler, editor] = await Promise.all([actorFor("siteadmin"), actorFor("handler"), actorFor("editor")]);
  secondAdmin = await makeUser("second-siteadmin", "SITE_ADMIN", "重庆市沙坪坝区人民政府");
  cultureAdmin = await makeUser("culture-siteadmin", "SITE_ADMIN", "重庆市文化和旅游发展委员会");
  officeUnit = await orgId("区政府办公室综合科");
  cultureUnit = (await db.organization.findFirstOrThrow({ where: { name: "宣传推广处" } })).id;
});

describe("the message-type editor", () => {
  it("adds a type that the letter form offers at once, audited in words, its pages purged", async () => {
    const since = await lastPurge();
    const saved = await saveInteractionType(siteadmin, newType());
    expect(saved).toMatchObject({ code: "business", replyWorkingDays: 5, replyHours: null, publicForm: true });
    const scope = newRenderScope();
    const offered = await runInScope(scope, () => listInteractionTypes(siteId));
    expect(offered.at(-1)).toMatchObject({ code: "business", name: "营商环境投诉" });
    // The pages that list the types carry the tag the editor purges.
    expect([...scope.tags]).toContain(interactionTypesTag(siteId));
    expect(await purgedTags(since)).toContain(interactionTypesTag(siteId));
    const audit = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "interaction.type.create", subject: `site:${siteId}` },
    });
    expect((audit.data as { summary: string }).summary).toContain("新增留言类型“营商环境投诉”");
    expect((audit.data as { summary: string }).summary).toContain("答复时限：5 个工作日");
    // A visitor can write under it.
    const receipt = await writeLetter(siteId, { type: "business" });
    expect(receipt.typeName).toBe("营商环境投诉");
  });

  it("refuses bad limits, a taken code, a unit of another host, and changes nothing", async () => {
    const before = await getDb().interactionType.count();
    const taken = await refused(() => saveInteractionType(siteadmin, newType({ code: "complaint" })), "INVALID");
    expect(taken.fieldErrors.code).toEqual(["地址代码重复"]);
    const hours = await refused(
      () => saveInteractionType(siteadmin, newType({ code: "x1", replyUnit: "HOURS", replyLimit: "48" })),
      "INVALID",
    );
    expect(hours.fieldErrors.replyUnit).toEqual(["按小时计算答复时限仅适用于网站纠错类留言"]);
    const limits = await refused(
      () =>
        saveInteractionType(
          siteadmin,
          newType({ code: "x2", acceptWorkingDays: "0", replyLimit: "31", maxWorkingDays: "99" }),
        ),
      "INVALID",
    );
    expect(Object.keys(limits.fieldErrors).sort()).toEqual(["acceptWorkingDays", "maxWorkingDays", "replyLimit"]);
    const shorter = await refused(
      () => saveInteractionType(siteadmin, newType({ code: "x3", replyLimit: "10", maxWorkingDays: "5" })),
      "INVALID",
    );
    expect(shorter.fieldErrors.maxWorkingDays).toBeDefined();
    const bad = await refused(
      () => saveInteractionType(siteadmin, newType({ code: "Bad Code", name: "", category: "PETITION" })),
      "INVALID",
    );
    expect(Object.keys(bad.fieldErrors).sort()).toEqual(["category", "code", "name"]);
    const unit = await refused(
      () => saveInteractionType(siteadmin, newType({ code: "x4", unitId: cultureUnit })),
      "INVALID",
    );
    expect(unit.fieldErrors.unitId).toBeDefined();
    // 网站纠错 may run on hours.
    const hourly = await saveInteractionType(
      siteadmin,
      newType({ code: "x5", category: "CORRECTION", replyUnit: "HOURS", replyLimit: "24", publicForm: undefined }),
    );
    expect(hourly).toMatchObject({ replyHours: 24, replyWorkingDays: null, publicForm: false });
    expect(await getDb().interactionType.count()).toBe(before + 1);
    await deleteInteractionType(siteadmin, { siteId, typeId: hourly.id, version: hourly.version });
  });

  it("refuses other sites' administrators and other roles", async () => {
    await refused(() => saveInteractionType(cultureAdmin, newType({ code: "x6" })), "FORBIDDEN");
    await refused(() => saveInteractionType(editor, newType({ code: "x7" })), "FORBIDDEN");
    await refused(() => saveInteractionType(handler, newType({ code: "x8" })), "FORBIDDEN");
    await refused(() => listTypesForAdmin(cultureAdmin, siteId), "FORBIDDEN");
    // A type of the district site named through the culture site is not found there.
    const complaint = await getDb().interactionType.findFirstOrThrow({ where: { siteId, code: "complaint" } });
    await refused(
      () =>
        saveInteractionType(cultureAdmin, {
          ...newType({ siteId: cultureSiteId, code: "complaint-2", unitId: cultureUnit }),
          typeId: complaint.id,
          version: complaint.version,
        }),
      "NOT_FOUND",
    );
    await refused(
      () => setInteractionTypeActive(cultureAdmin, { siteId, typeId: complaint.id, version: 0, active: "no" }),
      "FORBIDDEN",
    );
  });

  it("keeps two administrators from overwriting each other, and open letters keep their limits", async () => {
    const db = getDb();
    const complaint = await db.interactionType.findFirstOrThrow({ where: { siteId, code: "complaint" } });
    expect(complaint.replyWorkingDays).toBe(7);
    // A 投诉 arrives under 7 working days.
    const earlier = await writeLetter(siteId, {}, new Date("2026-11-02T02:00:00Z"));
    const edit = {
      ...newType({ code: "complaint", name: "投诉", category: "COMPLAINT" }),
      typeId: complaint.id,
      unitId: complaint.unitId,
      description: complaint.description,
    };
    const since = await lastPurge();
    await saveInteractionType(siteadmin, { ...edit, version: complaint.version });
    const stale = await refused(
      () => saveInteractionType(secondAdmin, { ...edit, replyLimit: "3", version: complaint.version }),
      "CONFLICT",
    );
    expect(stale.message).toContain("已被他人修改");
    const after = await db.interactionType.findUniqueOrThrow({ where: { id: complaint.id } });
    expect(after).toMatchObject({ replyWorkingDays: 5, version: complaint.version + 1 });
    expect(await purgedTags(since)).toContain(interactionTypesTag(siteId));
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "interaction.type.update" },
      orderBy: { at: "desc" },
    });
    expect((audit.data as { summary: string }).summary).toBe("修改留言类型“投诉”：答复时限：7 个工作日 → 5 个工作日");

    // Accepted after the change, the earlier letter still runs on 7 working days; a new one on 5.
    const handlerActor = handler;
    const later = await writeLetter(siteId, {}, new Date("2026-11-02T03:00:00Z"));
    for (const queryCode of [earlier.queryCode, later.queryCode]) {
      const letter = await db.letter.findUniqueOrThrow({ where: { queryCode } });
      vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-02T04:00:00Z") });
      try {
        await acceptLetter(handlerActor, { letterId: letter.id, version: 0 });
      } finally {
        vi.useRealTimers();
      }
    }
    const replyDays = async (queryCode: string) =>
      ((await db.letter.findUniqueOrThrow({ where: { queryCode } })).clock as { reply: DueDerivation }).reply
        .workingDays;
    expect(await replyDays(earlier.queryCode)).toBe(7);
    expect(await replyDays(later.queryCode)).toBe(5);
  });

  it("orders, deactivates and deletes only types without letters", async () => {
    const db = getDb();
    const business = await db.interactionType.findFirstOrThrow({ where: { siteId, code: "business" } });
    const order = async () => (await listTypesForAdmin(siteadmin, siteId)).types.map((type) => type.code);
    const orderBefore = await order();
    const since = await lastPurge();
    await moveInteractionType(siteadmin, { siteId, typeId: business.id, version: business.version, direction: "UP" });
    const orderAfter = await order();
    expect(orderAfter.indexOf("business")).toBe(orderBefore.indexOf("business") - 1);
    expect(orderAfter[orderBefore.indexOf("business")]).toBe(orderBefore[orderBefore.indexOf("business") - 1]);
    expect(await purgedTags(since)).toContain(interactionTypesTag(siteId));
    // The form shown before the move is stale now.
    await refused(
      () => moveInteractionType(siteadmin, { siteId, typeId: business.id, version: business.version, direction: "UP" }),
      "CONFLICT",
    );

    // The 营商环境投诉 type has a letter: it is deactivated, never deleted.
    const current = await db.interactionType.findUniqueOrThrow({ where: { id: business.id } });
    const refusal = await refused(
      () => deleteInteractionType(siteadmin, { siteId, typeId: business.id, version: current.version }),
      "CONFLICT",
    );
    expect(refusal.message).toContain("停用");
    await setInteractionTypeActive(siteadmin, { siteId, typeId: business.id, version: current.version, active: "no" });
    expect((await listInteractionTypes(siteId)).map((type) => type.code)).not.toContain("business");
    await refused(() => writeLetter(siteId, { type: "business" }), "INVALID");
    const admin = await listTypesForAdmin(siteadmin, siteId);
    expect(admin.types.find((type) => type.id === business.id)).toMatchObject({ active: false, letterCount: 1 });
    const deactivation = await db.auditEvent.findFirstOrThrow({ where: { action: "interaction.type.deactivate" } });
    expect((deactivation.data as { summary: string }).summary).toContain("停用留言类型“营商环境投诉”");

    // A type nobody wrote under goes.
    const spare = await saveInteractionType(siteadmin, newType({ code: "spare", name: "备用类型" }));
    await deleteInteractionType(siteadmin, { siteId, typeId: spare.id, version: spare.version });
    expect(await db.interactionType.findUnique({ where: { id: spare.id } })).toBeNull();
  });
});
