import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { submitToSite } from "@/lib/submissions/submit";
import { adoptSubmission } from "@/lib/submissions/adopt";
import { adoptSubmissionEdited } from "@/lib/submissions/adopt-edited";
import { returnSubmission } from "@/lib/submissions/return";
import { withdrawSubmission } from "@/lib/submissions/withdraw";
import { setAcceptsSubmissions } from "@/lib/submissions/accept-setting";
import { getSubmission, listDeskSubmissions } from "@/lib/submissions/queries";
import { actorsFor, fileDb, restoreAfterTest } from "../helpers";
import { refused } from "../support/interaction";
import { columnId } from "../support/review";

// 报送 keeps its two sides apart: only the target site's desk decides a submission, only the
// submitting unit withdraws it, other units see nothing of it, and only the site's administrator
// opens or closes the desk to submissions. Each refusal leaves the submission as it was.

let submissionId: string;
let districtSiteId: string;
let bmdt: string;
let actors: Record<string, Actor>;

beforeAll(async () => {
  await fileDb();
  const names = ["jw-officer", "jw-supervisor", "editor", "siteadmin", "reviewer", "handler", "wlw-officer"] as const;
  const loaded = await actorsFor(...names);
  actors = Object.fromEntries(names.map((name, index) => [name, loaded[index]!]));
  const pending = await getDb().submission.findFirstOrThrow({
    where: { state: "SUBMITTED", revision: { title: { endsWith: "区教委开展中小学校园食品安全专项检查" } } },
  });
  submissionId = pending.id;
  districtSiteId = pending.toSiteId;
  bmdt = await columnId("bmdt");
});

async function unchanged() {
  expect(await getDb().submission.findUniqueOrThrow({ where: { id: submissionId } })).toMatchObject({
    state: "SUBMITTED",
    version: 1,
  });
}

describe("a submission's sides", () => {
  it("lets no one but the target desk adopt or return it", async () => {
    const step = { submissionId, version: 1 };
    // The submitting unit's own 信息员 and 信息主管: not the desk.
    await refused(() => adoptSubmission(actors["jw-officer"]!, { ...step, columnIds: [bmdt] }), "NOT_FOUND");
    await refused(() => returnSubmission(actors["jw-supervisor"]!, { ...step, reason: "自行退回" }), "NOT_FOUND");
    // Another unit's 信息员 sees nothing of it.
    await refused(() => adoptSubmission(actors["wlw-officer"]!, { ...step, columnIds: [bmdt] }), "NOT_FOUND");
    await refused(() => getSubmission(actors["wlw-officer"]!, submissionId), "NOT_FOUND");
    // The district's reviewer may read it but not decide; its 留言办理员 has no part in it.
    await refused(() => adoptSubmission(actors.reviewer!, { ...step, columnIds: [bmdt] }), "FORBIDDEN");
    await refused(() => returnSubmission(actors.handler!, { ...step, reason: "越权" }), "NOT_FOUND");
    await refused(
      () => adoptSubmissionEdited(actors["jw-officer"]!, { ...step, columnIds: [bmdt], title: "改写" }),
      "NOT_FOUND",
    );
    await unchanged();
  });

  it("lets no one but the submitting unit withdraw it", async () => {
    for (const name of ["editor", "wlw-officer", "handler"]) {
      const error = await refused(() => withdrawSubmission(actors[name]!, { submissionId, version: 1 }), "NOT_FOUND");
      expect(error.message).toMatch(/未找到/);
    }
    // The district's site administrator sees the department's submissions (the unit above) but
    // does not act for the department.
    await refused(() => withdrawSubmission(actors.siteadmin!, { submissionId, version: 1 }), "FORBIDDEN");
    await unchanged();
  });

  it("shows another unit's desk none of it", async () => {
    const desk = await listDeskSubmissions(actors["wlw-officer"]!, {});
    expect(desk.rows.some((row) => row.id === submissionId)).toBe(false);
  });
});

describe("whether a desk takes submissions", () => {
  it("is the site administrator's to set; a closed desk takes no new submission", async () => {
    await refused(
      () => setAcceptsSubmissions(actors.editor!, { siteId: districtSiteId, accepts: "false" }),
      "FORBIDDEN",
    );
    await refused(
      () => setAcceptsSubmissions(actors["jw-officer"]!, { siteId: districtSiteId, accepts: "false" }),
      "FORBIDDEN",
    );
    await refused(
      () => setAcceptsSubmissions(actors.siteadmin!, { siteId: districtSiteId, accepts: "maybe" }),
      "INVALID",
    );
    restoreAfterTest(() => getDb().site.update({ where: { id: districtSiteId }, data: { acceptsSubmissions: true } }));
    await setAcceptsSubmissions(actors.siteadmin!, { siteId: districtSiteId, accepts: "false" });
    const ready = await getDb().resource.findFirstOrThrow({
      where: { title: { endsWith: "区教委召开2026年冬季校园安全工作会议" } },
    });
    await refused(
      () => submitToSite(actors["jw-officer"]!, { resourceId: ready.id, siteId: districtSiteId }),
      "CONFLICT",
    );
    // What was already submitted can still be decided.
    await returnSubmission(actors.editor!, {
      submissionId,
      version: 1,
      reason: "本网站暂停接收报送，请改报其他渠道。",
    });
    const audit = await getDb().auditEvent.findFirst({
      where: { action: "submission.accept.set", subject: `site:${districtSiteId}` },
    });
    expect(audit?.actorId).toBe(actors.siteadmin!.id);
  });
});
