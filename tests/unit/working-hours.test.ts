import { describe, expect, it } from "vitest";
import { workingHoursBetween } from "@/lib/calendar/working-hours";
import { parseChinaDateTime, toChinaDateTimeInput } from "@/lib/format";

const cst = (value: string) => new Date(`${value}+08:00`);

describe("workingHoursBetween", () => {
  it("counts office hours only (09:00–12:00, 13:30–17:30 China time)", () => {
    expect(workingHoursBetween(cst("2026-11-23T09:00"), cst("2026-11-23T17:30"))).toBe(7);
    expect(workingHoursBetween(cst("2026-11-23T11:00"), cst("2026-11-23T14:30"))).toBe(2);
    expect(workingHoursBetween(cst("2026-11-23T18:00"), cst("2026-11-24T08:00"))).toBe(0);
  });
  it("skips weekends", () => {
    // Friday 16:30 → Monday 10:00: one hour on Friday, one on Monday.
    expect(workingHoursBetween(cst("2026-11-27T16:30"), cst("2026-11-30T10:00"))).toBe(2);
  });
  it("is zero for a reversed interval", () => {
    expect(workingHoursBetween(cst("2026-11-24T10:00"), cst("2026-11-23T10:00"))).toBe(0);
  });
});

describe("China date-times in forms", () => {
  it("reads a zone-less value as China time and writes it back", () => {
    const parsed = parseChinaDateTime("2026-12-01T09:30");
    expect(parsed.toISOString()).toBe("2026-12-01T01:30:00.000Z");
    expect(toChinaDateTimeInput(parsed)).toBe("2026-12-01T09:30");
    expect(parseChinaDateTime("2026-12-01T09:30:00Z").toISOString()).toBe("2026-12-01T09:30:00.000Z");
    expect(Number.isNaN(parseChinaDateTime("明天上午").getTime())).toBe(true);
  });
});
