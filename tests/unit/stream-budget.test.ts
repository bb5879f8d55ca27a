import { describe, expect, it } from "vitest";
import { createStreamBudget } from "@/lib/interaction/interview/stream-budget";

describe("live interview stream budget", () => {
  it("refuses past the per-address share and the total, and releases once per stream", () => {
    const budget = createStreamBudget({ total: 3, perAddress: 2 });
    const a1 = budget.acquire("a")!;
    const a2 = budget.acquire("a")!;
    expect(budget.acquire("a")).toBeNull();
    const b1 = budget.acquire("b")!;
    expect(budget.acquire("c")).toBeNull();
    expect(budget.open()).toBe(3);
    a1();
    a1();
    expect(budget.open()).toBe(2);
    expect(budget.acquire("c")).not.toBeNull();
    a2();
    b1();
  });

  it("counts requests without a known address together", () => {
    const budget = createStreamBudget({ total: 10, perAddress: 1 });
    expect(budget.acquire(null)).not.toBeNull();
    expect(budget.acquire(null)).toBeNull();
  });
});
