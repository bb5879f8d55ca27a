import { describe, expect, it } from "vitest";
import { parsePeriod, reportDeadline } from "@/lib/reports/website-annual/access";
import { composeLines, templateJson } from "@/lib/reports/website-annual/compose";
import { parseFieldValue } from "@/lib/reports/website-annual/entry";
import { columnClasses } from "@/lib/reports/website-annual/figures";
import { reminderStage } from "@/lib/reports/website-annual/reminders";
import { findField, MONTHLY, SUPERVISION_ANNUAL, WEBSITE_ANNUAL } from "@/lib/reports/website-annual/template";

// The pure parts of the 网站工作报表: the templates' shape (the contract), periods and deadlines,
// typed entries, column classes, the nested JSON and when reminders are due.

describe("the templates", () => {
  it("name every group of 国办函〔2018〕12号 and the footer, with no duplicate field", () => {
    expect(WEBSITE_ANNUAL.groups).toEqual([
      "信息发布",
      "专栏专题",
      "解读回应",
      "办事服务",
      "互动交流",
      "安全防护",
      "移动新媒体",
      "创新发展",
    ]);
    for (const template of [WEBSITE_ANNUAL, SUPERVISION_ANNUAL, MONTHLY]) {
      const keys = template.fields.map((field) => field.path.join("/"));
      expect(new Set(keys).size).toBe(keys.length);
      for (const name of ["单位负责人", "审核人", "填报人", "联系电话", "填报日期"]) expect(keys).toContain(name);
      for (const field of template.fields) expect(field.source).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(SUPERVISION_ANNUAL.fields.map((field) => field.path.join("/"))).toContain(
      "网站抽查/不合格网站数量/全年总数",
    );
  });

  it("print every group as a key of the JSON, header fields at the top", () => {
    const composed = composeLines(WEBSITE_ANNUAL, { "信息发布/总数": 5, "互动交流/是否使用统一平台": true }, {}, null);
    const json = templateJson(composed) as Record<string, Record<string, unknown>>;
    for (const group of WEBSITE_ANNUAL.groups) expect(json).toHaveProperty([group]);
    expect(json["信息发布"]!["总数"]).toBe(5);
    expect(json["互动交流"]!["是否使用统一平台"]).toBe("是");
    expect(json).toHaveProperty(["网站名称"]);
    expect(composed.missing).toContain("办事服务/注册用户数");
  });

  it("lay an entry over the computed figure and mark it overridden", () => {
    const entry = { value: 7, reason: "补录", byId: "u", byName: "张三", at: "2026-01-01T00:00:00Z" };
    const composed = composeLines(WEBSITE_ANNUAL, { "信息发布/总数": 5 }, { "信息发布/总数": entry }, null);
    expect(composed.lines.find((line) => line.key === "信息发布/总数")).toMatchObject({
      value: 7,
      computedValue: 5,
      overridden: true,
    });
  });
});

describe("periods and deadlines", () => {
  it("accept a year or a month that has begun, with Chinese messages otherwise", () => {
    expect(parsePeriod("2025", false, "2026-12-06")).toEqual({ year: 2025, month: 0 });
    expect(parsePeriod("2026-12", true, "2026-12-06")).toEqual({ year: 2026, month: 12 });
    for (const [value, monthly] of [
      ["2027", false],
      ["2016", false],
      ["25", false],
      ["2026-13", true],
      ["2027-01", true],
      ["2026", true],
    ] as const)
      expect(parsePeriod(value, monthly, "2026-12-06")).toMatch(/[\u4e00-\u9fff]/);
  });

  it("fall on 31 January for the annual reports and the 4th of the next month for the monthly one", () => {
    expect(reportDeadline("WEBSITE_ANNUAL", 2025, 0)).toBe("2026-01-31");
    expect(reportDeadline("SUPERVISION_ANNUAL", 2025, 0)).toBe("2026-01-31");
    expect(reportDeadline("MONTHLY", 2025, 3)).toBe("2025-04-04");
    expect(reportDeadline("MONTHLY", 2025, 12)).toBe("2026-01-04");
  });

  it("remind from the opening day, seven days ahead of an annual deadline, and once it has passed", () => {
    expect(reminderStage("2025-12-31", "2026-01-01", "2026-01-31", true)).toBeNull();
    expect(reminderStage("2026-01-01", "2026-01-01", "2026-01-31", true)).toBe("OPEN");
    expect(reminderStage("2026-01-24", "2026-01-01", "2026-01-31", true)).toBe("SOON");
    expect(reminderStage("2026-02-01", "2026-01-01", "2026-01-31", true)).toBe("OVERDUE");
    expect(reminderStage("2026-04-02", "2026-04-01", "2026-04-04", false)).toBe("OPEN");
  });
});

describe("typed entries", () => {
  const field = (key: string) => findField(WEBSITE_ANNUAL, key)!;
  it("read numbers, 是/否 and choices, and say what is wrong in Chinese", () => {
    expect(parseFieldValue(field("网站总访问量"), "860000")).toBe(860000);
    expect(parseFieldValue(field("网站总访问量"), "1.5")).toMatch(/整数/);
    expect(parseFieldValue(field("办事服务/注册用户数"), "-3")).toMatch(/数字/);
    expect(parseFieldValue(field("互动交流/留言办理/平均办理时间"), "2.5")).toBe(2.5);
    expect(parseFieldValue(field("安全防护/是否开展应急演练"), "是")).toBe(true);
    expect(parseFieldValue(field("安全防护/是否开展应急演练"), "也许")).toMatch(/是或否/);
    expect(parseFieldValue(field("创新发展"), "多语言版本、无障碍浏览")).toEqual(["多语言版本", "无障碍浏览"]);
    expect(parseFieldValue(field("创新发展"), "元宇宙")).toMatch(/不是可选项/);
    expect(parseFieldValue(field("网站类型"), "部门网站、专项网站")).toMatch(/一种/);
  });
});

describe("column classes", () => {
  it("class 概况 by page or name, 政务动态 by the freshness rule, 信息公开目录 by place", () => {
    const at = new Date();
    const classes = columnClasses([
      { id: "a", name: "区情概况", kind: "PAGE", parentId: null, createdAt: at, cadence: null },
      { id: "b", name: "要闻动态", kind: "LIST", parentId: null, createdAt: at, cadence: null },
      { id: "c", name: "政府信息公开", kind: "DISCLOSURE", parentId: null, createdAt: at, cadence: null },
      { id: "d", name: "规划信息", kind: "LIST", parentId: "c", createdAt: at, cadence: null },
      { id: "e", name: "专题", kind: "TOPIC", parentId: null, createdAt: at, cadence: null },
    ]);
    expect([...classes.get("a")!]).toEqual(["overview"]);
    expect([...classes.get("b")!]).toEqual(["news"]);
    expect([...classes.get("d")!]).toEqual(["catalogue"]);
    expect([...classes.get("e")!]).toEqual([]);
  });
});
