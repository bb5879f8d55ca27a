import { describe, expect, it } from "vitest";
import {
  currentStage,
  isStageComplete,
  pendingChecks,
  personalBar,
  wouldComplete,
  type SignOffFact,
  type Stage,
} from "@/lib/review/stages";
import { signableFor, type UnitFacts } from "@/lib/review/eligibility";
import { publishBar } from "@/lib/publish/publish";
import { publicationOrderBar } from "@/lib/review/publication-order";

const STAGES: Stage[] = [
  {
    position: 0,
    name: "五关审核",
    type: "CHECKS",
    role: null,
    checks: ["politics", "law", "policy", "secrecy", "wording"],
    condition: "ALWAYS",
  },
  { position: 1, name: "直接责任人审批", type: "DIRECT_RESPONSIBLE", role: null, checks: [], condition: "ALWAYS" },
  { position: 2, name: "第一责任人审批", type: "FIRST_RESPONSIBLE", role: null, checks: [], condition: "FLAGGED" },
];
const approve = (stagePosition: number, userId: string, check: string | null = null): SignOffFact => ({
  stagePosition,
  check,
  userId,
  decision: "APPROVE",
});
const allChecks = STAGES[0]!.checks.map((check) => approve(0, "reviewer", check));

describe("stage progression", () => {
  it("waits for every check of the check stage", () => {
    expect(pendingChecks(STAGES[0]!, allChecks.slice(0, 3))).toEqual(["secrecy", "wording"]);
    expect(isStageComplete(STAGES[0]!, allChecks.slice(0, 4))).toBe(false);
    expect(currentStage(STAGES, false, allChecks.slice(0, 4))?.position).toBe(0);
    expect(currentStage(STAGES, false, allChecks)?.position).toBe(1);
  });

  it("a returned check does not count as signed", () => {
    const returned: SignOffFact = { stagePosition: 0, check: "law", userId: "reviewer", decision: "RETURN" };
    expect(pendingChecks(STAGES[0]!, [returned])).toContain("law");
  });

  it("skips the first responsible person unless the submission is flagged", () => {
    const signed = [...allChecks, approve(1, "deputy")];
    expect(currentStage(STAGES, false, signed)).toBeNull();
    expect(currentStage(STAGES, true, signed)?.position).toBe(2);
    expect(wouldComplete(STAGES, true, signed, approve(2, "principal"))).toBe(true);
    expect(wouldComplete(STAGES, true, allChecks, approve(1, "deputy"))).toBe(false);
  });
});

describe("personal bars", () => {
  it("refuse the author, and a second stage by the same person unless allowed", () => {
    const base = {
      authorId: "author",
      barredUserIds: ["author"],
      allowSameSigner: false,
      stage: STAGES[1]!,
      signOffs: allChecks,
    };
    expect(personalBar({ ...base, userId: "author" })).toMatch(/作者/);
    expect(personalBar({ ...base, userId: "reviewer" })).toMatch(/两个环节/);
    expect(personalBar({ ...base, userId: "reviewer", allowSameSigner: true })).toBeNull();
    expect(personalBar({ ...base, userId: "deputy" })).toBeNull();
    // Several checks of one stage by one reviewer are one stage.
    expect(personalBar({ ...base, userId: "reviewer", stage: STAGES[0]!, signOffs: allChecks.slice(0, 2) })).toBeNull();
  });
  it("refuse a co-author of an earlier revision and the submitter at every stage", () => {
    const base = {
      authorId: "author",
      barredUserIds: ["author", "coauthor", "submitter"],
      allowSameSigner: true,
      signOffs: [],
    };
    for (const stage of STAGES) {
      expect(personalBar({ ...base, stage, userId: "coauthor" })).toMatch(/送审人/);
      expect(personalBar({ ...base, stage, userId: "submitter" })).toMatch(/送审人/);
      expect(personalBar({ ...base, stage, userId: "colleague" })).toBeNull();
    }
  });
});

describe("who may sign", () => {
  const unit: UnitFacts = { lineage: ["section", "district", "city"], direct: "deputy", first: "principal" };
  it("grants checks only within the unit's lineage and as granted", () => {
    const reviewer = {
      userId: "r",
      memberships: [{ orgId: "district", role: "CHECK_REVIEWER" as const, checks: ["law", "secrecy"] }],
    };
    expect(signableFor(reviewer, unit, STAGES[0]!, []).map((signature) => signature.check)).toEqual(["law", "secrecy"]);
    expect(
      signableFor(reviewer, unit, STAGES[0]!, [approve(0, "x", "law")]).map((signature) => signature.check),
    ).toEqual(["secrecy"]);
    const elsewhere = {
      userId: "r",
      memberships: [{ orgId: "other-unit", role: "CHECK_REVIEWER" as const, checks: ["law"] }],
    };
    expect(signableFor(elsewhere, unit, STAGES[0]!, [])).toEqual([]);
  });
  it("lets only the named responsible persons sign their stages, while they hold the role", () => {
    const deputy = {
      userId: "deputy",
      memberships: [{ orgId: "district", role: "DIRECT_RESPONSIBLE" as const, checks: [] }],
    };
    expect(signableFor(deputy, unit, STAGES[1]!, [])).toEqual([{ check: null, role: "DIRECT_RESPONSIBLE" }]);
    expect(signableFor(deputy, unit, STAGES[2]!, [])).toEqual([]);
    // Named, but the role was revoked: the responsibility alone does not sign.
    expect(signableFor({ userId: "deputy", memberships: [] }, unit, STAGES[1]!, [])).toEqual([]);
    const sameRole = {
      userId: "other",
      memberships: [{ orgId: "district", role: "DIRECT_RESPONSIBLE" as const, checks: [] }],
    };
    expect(signableFor(sameRole, unit, STAGES[1]!, [])).toEqual([]);
  });
  it("grants a role approval to any holder of the role in the unit", () => {
    const stage: Stage = {
      position: 0,
      name: "信息员审核",
      type: "ROLE_APPROVAL",
      role: "INFO_OFFICER",
      checks: [],
      condition: "ALWAYS",
    };
    expect(
      signableFor(
        { userId: "o", memberships: [{ orgId: "district", role: "INFO_OFFICER", checks: [] }] },
        unit,
        stage,
        [],
      ),
    ).toHaveLength(1);
    expect(
      signableFor({ userId: "o", memberships: [{ orgId: "district", role: "EDITOR", checks: [] }] }, unit, stage, []),
    ).toHaveLength(0);
  });
});

describe("publishBar", () => {
  const hash = "a".repeat(64);
  const complete = [...allChecks, approve(1, "deputy")].map((signOff) => ({ ...signOff, contentHash: hash }));
  const base = {
    status: "APPROVED",
    contentHash: hash,
    revisionHash: hash,
    stages: STAGES,
    flagged: false,
    findings: [],
    signOffs: complete,
    overrides: 0,
  };
  it("allows a completed review of the same text", () => expect(publishBar(base)).toBeNull());
  it("refuses an unapproved, incomplete, re-hashed or blocked review", () => {
    expect(publishBar({ ...base, status: "IN_PROGRESS" })).toMatch(/审核尚未完成/);
    expect(publishBar({ ...base, flagged: true })).toMatch(/审核尚未完成/);
    expect(publishBar({ ...base, revisionHash: "b".repeat(64) })).toMatch(/不一致/);
    expect(
      publishBar({ ...base, signOffs: complete.map((signOff) => ({ ...signOff, contentHash: "c".repeat(64) })) }),
    ).toMatch(/审核尚未完成/);
    const blocking = [{ kind: "secrecy_marker", level: "block", start: 0, end: 2, text: "秘密", message: "" }];
    expect(publishBar({ ...base, findings: blocking })).toMatch(/预检问题/);
    expect(publishBar({ ...base, findings: blocking, overrides: 1 })).toBeNull();
  });
});

describe("publicationOrderBar", () => {
  const at = (iso: string) => new Date(iso);
  it("allows the first publication and a newer revision", () => {
    expect(publicationOrderBar({ number: 1, createdAt: at("2026-12-01T00:00:00Z") }, null)).toBeNull();
    expect(
      publicationOrderBar(
        { number: 3, createdAt: at("2026-12-01T00:00:00Z") },
        { revisionNumber: 2, withdrawnAt: null },
      ),
    ).toBeNull();
  });
  it("refuses a revision older than the latest publication", () => {
    expect(
      publicationOrderBar(
        { number: 1, createdAt: at("2026-12-01T00:00:00Z") },
        { revisionNumber: 2, withdrawnAt: null },
      ),
    ).toMatch(/早于已发布/);
  });
  it("after a withdrawal, refuses every revision saved before it and allows one saved after", () => {
    const withdrawn = { revisionNumber: 2, withdrawnAt: at("2026-12-02T00:00:00Z") };
    expect(publicationOrderBar({ number: 2, createdAt: at("2026-12-01T00:00:00Z") }, withdrawn)).toMatch(/已撤稿/);
    expect(publicationOrderBar({ number: 3, createdAt: at("2026-12-01T12:00:00Z") }, withdrawn)).toMatch(/已撤稿/);
    expect(publicationOrderBar({ number: 4, createdAt: at("2026-12-02T00:00:01Z") }, withdrawn)).toBeNull();
  });
});
