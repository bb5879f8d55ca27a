import { describe, expect, it } from "vitest";
import { formatChineseDate, formatDate, formatDateTime } from "@/lib/format";

describe("government date formats", () => {
  it("shows China Standard Time as YYYY-MM-DD HH:MM whatever the server's zone", () => {
    expect(formatDateTime(new Date("2019-11-10T16:17:18Z"))).toBe("2019-11-11 00:17");
    expect(formatDateTime(new Date("2021-08-12T10:55:00+08:00"))).toBe("2021-08-12 10:55");
    expect(formatDate(new Date("2023-12-31T16:00:00Z"))).toBe("2024-01-01");
  });

  it("writes 成文日期 in Chinese", () => {
    expect(formatChineseDate("2021-08-10")).toBe("2021年08月10日");
  });
});
