import { describe, expect, it } from "vitest";
import {
  lightOfScore,
  quarterLabel,
  quarterOf,
  rankScores,
  scoreTarget,
  type ScoringIndicator,
} from "@/lib/supervision/scoring";
import { NATIONAL_FRAMEWORK } from "@/lib/supervision/national-framework";
import { passRate, summarizeInspection } from "@/lib/supervision/inspection-summary";
import { bulletinBody, listNames } from "@/lib/supervision/bulletin-body";
import { richTextToGongwenBlocks } from "@/lib/documents/gongwen-docx";

// Scoring by 国办秘函〔2019〕19号: veto ⇒ 不合格 and not scored; 扣分 part of 100 with each indicator
// capped at its points; < 60 fails; > 80 lets the 加分 part count, capped at 30; ranks.

const indicators: ScoringIndicator[] = [
  { id: "v1", code: "W-V3", name: "首页不更新", part: "VETO", points: 0, checkNames: ["site.home-stale"] },
  { id: "v2", code: "W-V6", name: "服务不实用", part: "VETO", points: 0, checkNames: [] },
  { id: "d1", code: "W-D1", name: "链接可用性", part: "DEDUCTION", points: 5, checkNames: ["site.links"] },
  { id: "d2", code: "W-D2", name: "概况信息", part: "DEDUCTION", points: 45, checkNames: [] },
  { id: "d3", code: "W-D3", name: "政务动态", part: "DEDUCTION", points: 50, checkNames: [] },
  { id: "b1", code: "W-B1", name: "集约化", part: "BONUS", points: 20, checkNames: [] },
  { id: "b2", code: "W-B2", name: "搜索即服务", part: "BONUS", points: 20, checkNames: [] },
];

const ok = (name: string, veto = false) => ({ name, veto, status: "ok" as const });
const fail = (name: string, veto = false) => ({ name, veto, status: "fail" as const, evidence: { seen: name } });

describe("scoreTarget", () => {
  it("scores a clean site 100 and passes it", () => {
    const result = scoreTarget({ indicators, checks: [ok("site.home-stale", true), ok("site.links")], entries: [] });
    expect(result).toMatchObject({ vetoed: false, passed: true, deductionScore: 100, bonusScore: 0, total: 100 });
  });

  it("fails on a measured veto line and does not score the rest", () => {
    const result = scoreTarget({
      indicators,
      checks: [fail("site.home-stale", true)],
      entries: [{ indicatorId: "b1", points: 10, note: "集约化" }],
    });
    expect(result).toMatchObject({ vetoed: true, passed: false, deductionScore: null, bonusScore: null, total: null });
    const line = result.lines.find((candidate) => candidate.code === "W-V3")!;
    expect(line).toMatchObject({ hit: true, source: "check" });
    expect(line.evidence[0]).toMatchObject({ check: "site.home-stale", evidence: { seen: "site.home-stale" } });
  });

  it("fails on a veto line an inspector entered", () => {
    const result = scoreTarget({
      indicators,
      checks: [],
      entries: [{ indicatorId: "v2", points: 0, note: "未提供办事服务" }],
    });
    expect(result.vetoed).toBe(true);
    expect(result.lines.find((line) => line.code === "W-V6")).toMatchObject({ hit: true, source: "entry" });
  });

  it("fails on a veto check no veto line claims", () => {
    const result = scoreTarget({ indicators, checks: [fail("site.availability", true)], entries: [] });
    expect(result.vetoed).toBe(true);
    expect(result.lines.at(-1)).toMatchObject({ code: "site.availability", part: "VETO", hit: true });
  });

  it("a warning is not a deduction; a failed measured check deducts all its points", () => {
    expect(
      scoreTarget({ indicators, checks: [{ name: "site.links", veto: false, status: "warn" }], entries: [] }).total,
    ).toBe(100);
    expect(scoreTarget({ indicators, checks: [fail("site.links")], entries: [] }).deductionScore).toBe(95);
  });

  it("caps the deductions inside one indicator at its points", () => {
    const result = scoreTarget({
      indicators,
      checks: [],
      entries: [
        { indicatorId: "d2", points: 30, note: "负责人信息缺失" },
        { indicatorId: "d2", points: 30, note: "机构职能未调整" },
      ],
    });
    expect(result.deductionScore).toBe(55);
    expect(result.lines.find((line) => line.code === "W-D2")!.delta).toBe(-45);
  });

  it("fails below the pass mark of 60, passes at it", () => {
    const at60 = scoreTarget({
      indicators,
      checks: [],
      entries: [{ indicatorId: "d3", points: 40, note: "x".repeat(4) }],
    });
    expect(at60).toMatchObject({ deductionScore: 60, passed: true });
    const below = scoreTarget({
      indicators,
      checks: [fail("site.links")],
      entries: [{ indicatorId: "d3", points: 40, note: "x".repeat(4) }],
    });
    expect(below).toMatchObject({ deductionScore: 55, passed: false });
  });

  it("counts the bonus only above 80 and caps it at 30", () => {
    const entries = [
      { indicatorId: "b1", points: 20, note: "集约化平台" },
      { indicatorId: "b2", points: 20, note: "搜索即服务" },
    ];
    const capped = scoreTarget({ indicators, checks: [], entries });
    expect(capped).toMatchObject({ deductionScore: 100, bonusScore: 30, total: 130 });
    const at80 = scoreTarget({
      indicators,
      checks: [],
      entries: [...entries, { indicatorId: "d3", points: 20, note: "更新慢" }],
    });
    expect(at80).toMatchObject({ deductionScore: 80, bonusScore: 0, total: 80 });
    const over80 = scoreTarget({
      indicators,
      checks: [],
      entries: [...entries, { indicatorId: "d3", points: 19, note: "更新慢" }],
    });
    expect(over80).toMatchObject({ deductionScore: 81, bonusScore: 30, total: 111 });
  });

  it("scales a deduction part of less than 100 points to 100 (75 × 4/3)", () => {
    const departmental: ScoringIndicator[] = [
      { id: "a", code: "A", name: "A", part: "DEDUCTION", points: 75, checkNames: [] },
    ];
    const result = scoreTarget({
      indicators: departmental,
      checks: [],
      entries: [{ indicatorId: "a", points: 15, note: "扣分" }],
    });
    expect(result.deductionScore).toBe(80);
  });
});

describe("ranks, lights and quarters", () => {
  it("ranks highest first with ties sharing a rank and vetoed targets unranked", () => {
    expect(rankScores([100, 120, null, 100, 90])).toEqual([2, 1, null, 2, 4]);
  });

  it("lights a score fail, warn or ok", () => {
    expect(lightOfScore({ passed: false, deductionScore: null })).toBe("fail");
    expect(lightOfScore({ passed: true, deductionScore: 70 })).toBe("warn");
    expect(lightOfScore({ passed: true, deductionScore: 95 })).toBe("ok");
  });

  it("names quarters", () => {
    expect(quarterOf("2026-12-06")).toBe("2026Q4");
    expect(quarterOf("2026-01-01")).toBe("2026Q1");
    expect(quarterLabel("2026Q3")).toBe("2026年第三季度");
  });
});

describe("the national framework", () => {
  it("adds up to 100 + 30 for each target and has the veto lines of 2019", () => {
    for (const target of ["WEBSITE", "NEW_MEDIA"] as const) {
      const lines = NATIONAL_FRAMEWORK.filter((line) => line.target === target);
      const sum = (part: string) =>
        lines.filter((line) => line.part === part).reduce((total, line) => total + line.points, 0);
      expect(sum("DEDUCTION")).toBe(100);
      expect(sum("BONUS")).toBe(30);
    }
    expect(NATIONAL_FRAMEWORK.filter((line) => line.target === "WEBSITE" && line.part === "VETO")).toHaveLength(6);
    expect(new Set(NATIONAL_FRAMEWORK.map((line) => line.code)).size).toBe(NATIONAL_FRAMEWORK.length);
  });
});

describe("the bulletin", () => {
  const rows = [
    {
      kind: "WEBSITE" as const,
      name: "甲区政府",
      ...scoreTarget({ indicators, checks: [], entries: [{ indicatorId: "b1", points: 15, note: "集约化平台" }] }),
    },
    {
      kind: "WEBSITE" as const,
      name: "乙县政府",
      ...scoreTarget({
        indicators,
        checks: [fail("site.links")],
        entries: [{ indicatorId: "b1", points: 8, note: "集约化平台" }],
      }),
    },
    {
      kind: "WEBSITE" as const,
      name: "丙局",
      ...scoreTarget({ indicators, checks: [fail("site.home-stale", true)], entries: [] }),
    },
    { kind: "NEW_MEDIA" as const, name: "丙局微信", ...scoreTarget({ indicators: [], checks: [], entries: [] }) },
  ];
  const summary = summarizeInspection(rows);

  it("totals, pass rates, bands and problems", () => {
    expect(summary.websites).toMatchObject({ total: 3, passed: 2, failed: 1, passRate: 66.6, failing: ["丙局"] });
    expect(summary.accounts).toMatchObject({ total: 1, passed: 1, passRate: 100 });
    expect(summary.bands).toEqual({ top: ["甲区政府"], high: ["乙县政府"] });
    expect(summary.problems.websites[0]).toMatchObject({ code: "W-V3", count: 1, names: ["丙局"] });
    expect(summary.problems.websites[1]).toMatchObject({ code: "W-D1", names: ["乙县政府"] });
    expect(passRate(1130, 1136)).toBe(99.4);
    expect(listNames(["a", "b", "c"], 2)).toBe("a、b");
  });

  it("writes the totals, names the failing site and keeps its tables for the .docx", () => {
    const body = bulletinBody({
      quarter: "2026年第四季度",
      summary,
      rows: [{ rank: 1, name: "甲区政府", deduction: 100, bonus: 15, total: 115, passed: true, vetoed: false }],
      rules: new Map([["W-V3", "监测 2 周首页无信息更新"]]),
      requirements: "请于 1 月 15 日前报送整改情况。",
    });
    const blocks = richTextToGongwenBlocks(body);
    const text = blocks.map((block) => (block.type === "table" ? block.rows.flat().join(" ") : block.text)).join("\n");
    expect(text).toContain("共检查全市政府网站3个，检查比例100%，合格率66.6%");
    expect(text).toContain("丙局等1个政府网站检查不合格");
    expect(text).toContain("首页不更新。丙局等1个政府网站存在此问题（监测 2 周首页无信息更新）");
    expect(text).toContain("请于 1 月 15 日前报送整改情况。");
    expect(blocks.filter((block) => block.type === "table")).toHaveLength(3);
    expect(blocks.find((block) => block.type === "heading")).toMatchObject({ level: 1, text: "一、总体情况" });
  });
});
