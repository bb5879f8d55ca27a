import { describe, expect, it } from "vitest";
import { nationalMonthlyStatistics, type NationalLetter } from "@/lib/interaction/publish/national-statistics";
import { ZInteractionType } from "@/lib/interaction/types/schemas";

// 按期办结率 of national 找错 messages: answered in time over those whose time is up (answered, or
// open past the due date); an open message not yet due, a rejected one and a duplicate do not count.

const at = (chinaTime: string) => new Date(`${chinaTime}+08:00`);
const now = at("2026-06-30T12:00:00");

function letter(change: Partial<NationalLetter>): NationalLetter {
  return {
    receivedAt: at("2026-06-01T09:00:00"),
    answeredAt: null,
    replyDueAt: at("2026-06-04T23:59:59.999"),
    state: "HANDLING",
    ...change,
  };
}

describe("national statistics", () => {
  it("counts on time, late and overdue messages by the month they were forwarded", () => {
    const stats = nationalMonthlyStatistics(
      [
        letter({ answeredAt: at("2026-06-03T10:00:00"), state: "CLOSED" }),
        letter({ answeredAt: at("2026-06-05T10:00:00"), state: "ANSWERED" }),
        letter({}),
        letter({ receivedAt: at("2026-06-29T09:00:00"), replyDueAt: at("2026-07-02T23:59:59.999") }),
        letter({ state: "REJECTED" }),
        letter({ state: "MERGED" }),
        letter({ receivedAt: at("2025-06-01T09:00:00"), answeredAt: at("2025-06-02T09:00:00") }),
      ],
      2026,
      now,
    );
    expect(stats[5]).toEqual({ month: 6, received: 5, answered: 2, onTime: 1, overdueOpen: 1, onTimeRate: 33.3 });
    expect(stats[12]).toEqual({ ...stats[5], month: 0 });
    expect(stats[6]).toEqual({ month: 7, received: 0, answered: 0, onTime: 0, overdueOpen: 0, onTimeRate: null });
  });
});

describe("the message-type form", () => {
  const base = {
    siteId: "00000000-0000-4000-8000-000000000001",
    name: "网站纠错",
    code: "correction",
    category: "CORRECTION",
    description: "报告本网站的错误。",
    unitId: "00000000-0000-4000-8000-000000000002",
    acceptWorkingDays: "1",
    replyUnit: "HOURS",
    replyLimit: "48",
    maxWorkingDays: "",
    replyReviewer: "INFO_SUPERVISOR",
  };

  it("takes hours for 网站纠错 and leaves the type off the public form unless ticked", () => {
    const parsed = ZInteractionType.safeParse({ ...base, maxWorkingDays: "15" });
    expect(parsed.success && parsed.data).toMatchObject({ replyLimit: 48, publicForm: false });
    expect(ZInteractionType.parse({ ...base, maxWorkingDays: "15", publicForm: "yes" }).publicForm).toBe(true);
  });

  it("refuses hours for other categories and limits out of bounds, in Chinese", () => {
    const result = ZInteractionType.safeParse({ ...base, category: "CONSULT", replyLimit: "200", maxWorkingDays: "1" });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((issue) => issue.message);
    expect(messages).toContain("按小时计算答复时限仅适用于网站纠错类留言");
    expect(messages).toContain("答复时限为 1–168 小时");
    const empty = ZInteractionType.safeParse({ ...base });
    expect(empty.error!.issues.map((issue) => issue.message)).toContain("请填写延期后的最长时限");
  });
});
