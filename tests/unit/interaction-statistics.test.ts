import { describe, expect, it } from "vitest";
import { monthlyStatistics, type StatLetter } from "@/lib/interaction/publish/statistics";

const at = (value: string) => new Date(`${value}+08:00`);

function letter(received: string, answered: string | null, extra: Partial<StatLetter> = {}): StatLetter {
  return {
    receivedAt: at(received),
    answeredAt: answered ? at(answered) : null,
    state: "ANSWERED",
    rating: null,
    ...extra,
  };
}

describe("monthly letter statistics", () => {
  it("counts by China month, skips duplicates and other years, and rounds to one decimal", () => {
    const stats = monthlyStatistics(
      [
        letter("2026-01-31T23:59:00", "2026-02-01T11:59:00", { rating: "SATISFIED" }),
        letter("2026-01-05T08:00:00", "2026-01-08T08:00:00", { rating: "BASICALLY_SATISFIED" }),
        letter("2026-01-06T08:00:00", "2026-01-07T08:00:00", { rating: "DISSATISFIED" }),
        letter("2026-01-07T08:00:00", null, { state: "HANDLING" }),
        letter("2026-01-08T08:00:00", null, { state: "MERGED" }),
        letter("2025-12-31T23:00:00", "2026-01-02T08:00:00"),
      ],
      2026,
    );
    expect(stats).toHaveLength(13);
    expect(stats[0]).toEqual({
      month: 1,
      received: 4,
      answered: 3,
      answeredRate: 75,
      averageDays: 1.5,
      satisfactionRate: 66.7,
    });
    expect(stats[1]).toMatchObject({ month: 2, received: 0, answeredRate: null, averageDays: null });
    expect(stats[12]).toMatchObject({ month: 0, received: 4, answered: 3 });
  });
});
