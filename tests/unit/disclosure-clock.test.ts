import { describe, expect, it } from "vitest";
import { buildCalendar, WEEKDAYS_ONLY } from "@/lib/calendar/working-days";
import { computeClock, correctionNoticeDeadline, receiptDate } from "@/lib/disclosure/clock";
import { perPageFee, perRequestFee } from "@/lib/disclosure/fees";
import { runPrechecks } from "@/lib/review/prechecks";

const at = (chinaTime: string) => new Date(`${chinaTime}+08:00`);
const NATIONAL_DAY = buildCalendar([
  ...["01", "02", "03", "04", "05", "06", "07"].map((day) => ({
    date: `2026-10-${day}`,
    kind: "HOLIDAY" as const,
    name: "国庆节",
  })),
  { date: "2026-10-10", kind: "WORKDAY" as const, name: "国庆节" },
]);

describe("the 依申请公开 answer clock", () => {
  it("counts 20 working days after the receipt day", () => {
    // Monday 2026-11-02 → 20 working days → Monday 2026-11-30.
    const { derivation, dueAt } = computeClock(WEEKDAYS_ONLY, {
      receivedOn: "2026-11-02",
      pauses: [],
      extendedDays: 0,
    });
    expect(derivation.due).toBe("2026-11-30");
    expect(dueAt).toEqual(at("2026-11-30T23:59:59.999"));
  });

  it("counts overlapping pauses once", () => {
    const { derivation } = computeClock(WEEKDAYS_ONLY, {
      receivedOn: "2026-11-02",
      pauses: [
        { kind: "THIRD_PARTY", reason: "a", from: "2026-11-03", to: "2026-11-06", open: false },
        { kind: "OTHER_AGENCY", reason: "b", from: "2026-11-05", to: "2026-11-09", open: false },
      ],
      extendedDays: 0,
    });
    // Not counted: 11-04 … 11-09 (11-04, 05, 06, 09 = 4 working days).
    expect(derivation.pausedDays).toBe(4);
    expect(derivation.pauses.map((pause) => pause.workingDays)).toEqual([3, 2]);
    expect(derivation.due).toBe("2026-12-04");
  });

  it("restarts from the corrected request and ignores pauses of the abandoned count", () => {
    const { derivation } = computeClock(NATIONAL_DAY, {
      receivedOn: "2026-09-25",
      correction: { requestedOn: "2026-09-29", correctedOn: "2026-10-09" },
      pauses: [],
      extendedDays: 0,
    });
    expect(derivation).toMatchObject({ start: "2026-10-09", due: "2026-11-05", waitingForCorrection: false });
  });

  it("refuses an extension beyond 20 working days", () => {
    expect(() => computeClock(WEEKDAYS_ONLY, { receivedOn: "2026-11-02", pauses: [], extendedDays: 21 })).toThrow(
      RangeError,
    );
  });

  it("gives the 补正 notice deadline and the receipt date of 条例第三十一条", () => {
    expect(correctionNoticeDeadline(NATIONAL_DAY, "2026-09-25")).toBe("2026-10-12");
    const arrived = at("2026-12-01T16:30:00");
    const confirmed = at("2026-12-02T09:10:00");
    expect(receiptDate("IN_PERSON", arrived, confirmed)).toEqual(arrived);
    expect(receiptDate("LETTER", arrived, null)).toEqual(arrived);
    expect(receiptDate("FAX", arrived, confirmed)).toEqual(confirmed);
    expect(() => receiptDate("FAX", arrived, null)).toThrow(RangeError);
  });
});

describe("信息处理费 (国办函〔2020〕109号)", () => {
  it("charges 按件 progressively by the month's count", () => {
    expect([1, 10, 11, 30, 31, 40, 41, 50, 51].map((n) => perRequestFee(n).amountYuan)).toEqual([
      0, 0, 100, 100, 200, 200, 300, 300, 400,
    ]);
  });

  it("charges 按量 progressively by pages", () => {
    expect(perPageFee(30).amountYuan).toBe(0);
    expect(perPageFee(31).amountYuan).toBe(10);
    expect(perPageFee(100).amountYuan).toBe(700);
    expect(perPageFee(150).amountYuan).toBe(700 + 50 * 20);
    expect(perPageFee(250).amountYuan).toBe(700 + 2000 + 50 * 40);
    expect(perPageFee(250).calculation).toContain("70 页 × 10 元 + 100 页 × 20 元 + 50 页 × 40 元 = 4700 元");
  });
});

describe("the secrecy pre-check and a 告知书's legal terms", () => {
  it("does not take 商业秘密 or 工作秘密 for a 密级", () => {
    const kinds = (text: string) => runPrechecks(text, [], {}).map((finding) => finding.kind);
    expect(kinds("报价明细涉及商业秘密，不属于工作秘密。")).not.toContain("secrecy_marker");
    expect(kinds("本文件属于秘密级文件")).toContain("secrecy_marker");
  });
});
