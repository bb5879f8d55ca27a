import { describe, expect, it } from "vitest";
import { p99Verdict, passFromWrk, type PortalPass } from "@/scripts/lib/portal-pass";

const pass = (p99: number): PortalPass => ({
  seconds: 20,
  rps: 2000,
  p50: 1,
  p99,
  p999: p99 * 2,
  max: p99 * 3,
  requests: 40_000,
  errors: 0,
  non2xx: 0,
});

describe("bench:supervision portal passes", () => {
  it("reads wrk-paced.lua's microseconds as milliseconds with two decimals", () => {
    const line =
      '{"requests":41000,"durationUs":20500000,"p50Us":812,"p90Us":1500,"p99Us":4317,"p999Us":9001,"maxUs":31234,"meanUs":990.5,"socketErrors":1,"non2xx":2}';
    expect(passFromWrk(line)).toEqual({
      seconds: 20.5,
      rps: 2000,
      p50: 0.81,
      p99: 4.32,
      p999: 9,
      max: 31.23,
      requests: 41_000,
      errors: 1,
      non2xx: 2,
    });
  });

  it("compares p99 during with the mean of the passes without, at 10 %", () => {
    expect(p99Verdict([pass(4), pass(4.2), pass(3.8)], pass(4.4))).toEqual({
      baselineP99: 4,
      p99Ratio: 1.1,
      noise: 0.05,
      withinBound: true,
      boundBelowNoise: false,
    });
    expect(p99Verdict([pass(4), pass(4), pass(4)], pass(4.41)).withinBound).toBe(false);
  });

  it("says when two passes without an inspection already differ by more than the bound", () => {
    const verdict = p99Verdict([pass(4), pass(5), pass(4.5)], pass(4.5));
    expect(verdict.noise).toBe(0.25);
    expect(verdict.boundBelowNoise).toBe(true);
  });
});
