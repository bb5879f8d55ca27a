import { describe, expect, it } from "vitest";
import { DEFAULT_LEXICON } from "@/lib/review/prechecks";
import { DEFAULT_SERIOUS_ERRORS } from "@/lib/supervision/serious-errors";
import { scanMode, scanRulesHash } from "@/lib/supervision/monitors/content";

// #28: when the content scan reads every live item of a site again, and when only what changed.

const at = (chinaTime: string) => new Date(`${chinaTime}+08:00`);
const rules = scanRulesHash({ lexicon: DEFAULT_LEXICON, seriousList: DEFAULT_SERIOUS_ERRORS });
const SUNDAY = 0;

describe("scanMode", () => {
  const mark = { scannedAt: at("2026-11-16T06:30:00"), fullAt: at("2026-11-15T06:30:00"), rulesHash: rules };

  it("scans everything the first time and when the rules changed", () => {
    expect(scanMode(null, rules, at("2026-11-16T10:00:00"), SUNDAY)).toEqual({ full: true, reason: "first" });
    const changed = scanRulesHash({
      lexicon: { ...DEFAULT_LEXICON, sensitive: [...DEFAULT_LEXICON.sensitive, { word: "新增敏感词", level: "warn" }] },
      seriousList: DEFAULT_SERIOUS_ERRORS,
    });
    expect(changed).not.toBe(rules);
    expect(scanMode(mark, changed, at("2026-11-16T10:00:00"), SUNDAY)).toEqual({ full: true, reason: "rules" });
  });

  it("scans only changes on other days, everything once on the configured day (China time)", () => {
    expect(scanMode(mark, rules, at("2026-11-17T06:30:00"), SUNDAY).full).toBe(false);
    expect(scanMode(mark, rules, at("2026-11-22T00:10:00"), SUNDAY)).toEqual({ full: true, reason: "weekly" });
    // 2026-11-21T23:30 UTC is already Sunday in China.
    expect(scanMode(mark, rules, new Date("2026-11-21T16:30:00Z"), SUNDAY).full).toBe(true);
    const doneToday = { ...mark, fullAt: at("2026-11-22T00:10:00") };
    expect(scanMode(doneToday, rules, at("2026-11-22T18:00:00"), SUNDAY).full).toBe(false);
    expect(scanMode(mark, rules, at("2026-11-18T06:30:00"), 3)).toEqual({ full: true, reason: "weekly" });
  });

  it("scans everything when a week passed without a full scan", () => {
    const old = { ...mark, fullAt: at("2026-11-10T06:30:00") };
    expect(scanMode(old, rules, at("2026-11-17T06:30:00"), SUNDAY)).toEqual({ full: true, reason: "weekly" });
    expect(scanMode(old, rules, at("2026-11-17T06:29:00"), SUNDAY).full).toBe(false);
  });
});
