import { describe, expect, it } from "vitest";
import {
  SUBMISSION_STATES,
  TRANSITION_TARGET,
  allowedTransitions,
  canTransition,
  eventLabel,
  isAdopted,
  isPending,
  needsReason,
  stateLabel,
} from "@/lib/submissions/states";

describe("报送 state machine", () => {
  it("opens every transition from SUBMITTED and none once decided or withdrawn", () => {
    expect(allowedTransitions("SUBMITTED").sort()).toEqual(["ADOPT", "ADOPT_EDITED", "RETURN", "WITHDRAW"]);
    for (const state of SUBMISSION_STATES.filter((state) => state !== "SUBMITTED")) {
      expect(allowedTransitions(state)).toEqual([]);
      expect(canTransition(state, "ADOPT")).toBe(false);
    }
  });

  it("leads each transition to its state", () => {
    expect(TRANSITION_TARGET).toEqual({
      WITHDRAW: "WITHDRAWN",
      ADOPT: "ADOPTED",
      ADOPT_EDITED: "ADOPTED_EDITED",
      RETURN: "RETURNED",
    });
  });

  it("counts both adoptions as adopted and only SUBMITTED as pending", () => {
    expect(SUBMISSION_STATES.filter(isAdopted)).toEqual(["ADOPTED", "ADOPTED_EDITED"]);
    expect(SUBMISSION_STATES.filter(isPending)).toEqual(["SUBMITTED"]);
  });

  it("asks a reason only to return", () => {
    expect(needsReason("RETURN")).toBe(true);
    expect(needsReason("ADOPT")).toBe(false);
  });

  it("names every state and event in Chinese", () => {
    expect(SUBMISSION_STATES.map(stateLabel)).toEqual(["待采用", "已采用", "编辑后采用", "已退回", "已撤回"]);
    expect(eventLabel("RETURN")).toBe("退回");
  });
});
