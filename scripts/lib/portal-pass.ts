// The portal passes of npm run bench:supervision: wrk's microsecond figures (scripts/lib/wrk-paced.lua)
// and the verdict on #28's "portal p99 within 10 %" with this host's noise floor beside it.

type WrkFigures = {
  requests: number;
  durationUs: number;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  p999Us: number;
  maxUs: number;
  meanUs: number;
  socketErrors: number;
  non2xx: number;
};

export type PortalPass = {
  seconds: number;
  rps: number;
  /** Milliseconds with two decimals, from wrk's microsecond histogram. */
  p50: number;
  p99: number;
  p999: number;
  max: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** The generator's CPU over the pass, in % of one core (set by the bench). */
  generatorCpuPercent?: number;
};

const ms = (us: number) => Number((us / 1000).toFixed(2));

/** One pass from the JSON line scripts/lib/wrk-paced.lua prints: latencies in ms with two decimals. */
export function passFromWrk(line: string): PortalPass {
  const figures = JSON.parse(line) as WrkFigures;
  const seconds = figures.durationUs / 1e6;
  return {
    seconds: Number(seconds.toFixed(1)),
    rps: Math.round(figures.requests / seconds),
    p50: ms(figures.p50Us),
    p99: ms(figures.p99Us),
    p999: ms(figures.p999Us),
    max: ms(figures.maxUs),
    requests: figures.requests,
    errors: figures.socketErrors,
    non2xx: figures.non2xx,
  };
}

/** Whether `during` stays within `bound` (0.1: 10 %) of the mean p99 of the passes without. */
export function p99Verdict(without: PortalPass[], during: PortalPass, bound = 0.1) {
  const baseline = without.reduce((sum, pass) => sum + pass.p99, 0) / without.length;
  const [first, second] = without;
  const noise = first && second ? Math.abs(first.p99 - second.p99) / Math.min(first.p99, second.p99) : 0;
  return {
    baselineP99: Number(baseline.toFixed(2)),
    p99Ratio: Number((during.p99 / baseline).toFixed(3)),
    /** before vs before again: above `bound`, the bound is below what this host can tell apart. */
    noise: Number(noise.toFixed(3)),
    withinBound: during.p99 <= baseline * (1 + bound),
    boundBelowNoise: noise > bound,
  };
}
