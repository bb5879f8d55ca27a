import { describe, expect, it } from "vitest";
import { chainFromForm } from "@/lib/registry/chain-from-form";
import { decisionRefusal } from "@/lib/registry/decision-refusal";
import type { ChainStep } from "@/lib/registry/schemas";
import type { Principal } from "@/lib/auth/permissions";

const CHAIN: ChainStep[] = [
  { position: 0, name: "本单位主要负责人审批", role: "FIRST_RESPONSIBLE", scope: "unit" },
  { position: 1, name: "主管单位审核", role: "SUPERVISOR", scope: "platform" },
];
const ROOT = "00000000-0000-4000-8000-000000000001";
const DISTRICT = "00000000-0000-4000-8000-000000000002";
const OTHER = "00000000-0000-4000-8000-000000000003";
const lineage = [DISTRICT, ROOT];

const person = (id: string, ...memberships: Principal["memberships"]): Principal => ({ id, memberships });
const principal = person("principal", { orgId: DISTRICT, role: "FIRST_RESPONSIBLE", isRootOrg: false });
const supervisor = person("supervisor", { orgId: ROOT, role: "SUPERVISOR", isRootOrg: true });
const application = (overrides: Partial<Parameters<typeof decisionRefusal>[1]> = {}) => ({
  submittedById: "officer",
  status: "PENDING" as const,
  currentStep: 0,
  orgName: "重庆市沙坪坝区人民政府",
  decisions: [],
  ...overrides,
});

describe("who may decide a registry application's step", () => {
  it("follows the chain's order, role and scope", () => {
    expect(decisionRefusal(principal, application(), CHAIN, lineage)).toBeNull();
    expect(decisionRefusal(supervisor, application(), CHAIN, lineage)).toBe(
      "当前环节“本单位主要负责人审批”须由重庆市沙坪坝区人民政府或其上级单位的第一责任人审批。",
    );
    expect(
      decisionRefusal(
        supervisor,
        application({ currentStep: 1, decisions: [{ userId: "principal" }] }),
        CHAIN,
        lineage,
      ),
    ).toBeNull();
    expect(decisionRefusal(principal, application({ currentStep: 1 }), CHAIN, lineage)).toBe(
      "当前环节“主管单位审核”须由主管单位工作人员审批。",
    );
    // The principal of another unit; a supervisor's role held outside the root.
    expect(
      decisionRefusal(
        person("p2", { orgId: OTHER, role: "FIRST_RESPONSIBLE", isRootOrg: false }),
        application(),
        CHAIN,
        lineage,
      ),
    ).not.toBeNull();
    expect(
      decisionRefusal(
        person("s2", { orgId: DISTRICT, role: "SUPERVISOR", isRootOrg: false }),
        application({ currentStep: 1 }),
        CHAIN,
        lineage,
      ),
    ).not.toBeNull();
  });

  it("refuses the submitter, a second step by one person, and a finished application", () => {
    const both = person(
      "both",
      { orgId: DISTRICT, role: "FIRST_RESPONSIBLE", isRootOrg: false },
      { orgId: ROOT, role: "SUPERVISOR", isRootOrg: true },
    );
    expect(decisionRefusal(both, application({ submittedById: "both" }), CHAIN, lineage)).toBe(
      "不能审批本人提交的申请。",
    );
    expect(
      decisionRefusal(both, application({ currentStep: 1, decisions: [{ userId: "both" }] }), CHAIN, lineage),
    ).toBe("您已审批过本申请的其他环节，同一人不能审批两个环节。");
    expect(decisionRefusal(principal, application({ status: "APPROVED" }), CHAIN, lineage)).toBe(
      "该申请已通过，不能再审批。",
    );
  });
});

describe("the chain configuration form", () => {
  it("drops removed and blank rows and orders by the order numbers", () => {
    const form = {
      "steps.0.name": "本单位主要负责人审批",
      "steps.0.role": "FIRST_RESPONSIBLE",
      "steps.0.scope": "unit",
      "steps.0.order": "2",
      "steps.1.name": "主管单位审核",
      "steps.1.role": "SUPERVISOR",
      "steps.1.scope": "platform",
      "steps.1.order": "1",
      "steps.2.name": "分管负责人会签",
      "steps.2.role": "DIRECT_RESPONSIBLE",
      "steps.2.scope": "unit",
      "steps.2.order": "3",
      "steps.2.remove": "on",
      "steps.3.name": "",
      "steps.3.role": "",
      "steps.3.scope": "unit",
      "steps.3.order": "4",
    };
    expect(chainFromForm(form).map((step) => step.name)).toEqual(["主管单位审核", "本单位主要负责人审批"]);
  });
});
