import { getEnv } from "@/lib/env";

// Pacing for the long supervision runs: after each batch, a pause in proportion to the batch's own
// time, so the run works at most `dutyCycle` of the time and the portal's requests find the CPU and
// the database free in between (a batch of 0.2 s at 0.5, the default, rests 0.2 s; at 0.25, 0.6 s). A pause is never shorter
// than one turn of the event loop (setImmediate), nor longer than `maxRestMs`.

export type Pacer = {
  /** Call between batches: rests in proportion to the work since the last call. */
  rest: () => Promise<void>;
  /** Milliseconds spent working and resting so far. */
  totals: () => { busyMs: number; restMs: number; batches: number };
};

export type PacerOptions = {
  dutyCycle: number;
  maxRestMs?: number;
  clock?: () => number;
  /** Runs at each pause (e.g. lowering the priority of newly opened database backends). */
  onRest?: () => Promise<void>;
};

/** The pause after `busyMs` of work at `dutyCycle`. Pure. */
export function restAfter(busyMs: number, dutyCycle: number, maxRestMs = 2_000): number {
  if (dutyCycle >= 1 || busyMs <= 0) return 0;
  return Math.min(maxRestMs, Math.round((busyMs * (1 - dutyCycle)) / dutyCycle));
}

const immediate = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createPacer(options: PacerOptions): Pacer {
  const clock = options.clock ?? (() => performance.now());
  let since = clock();
  let busyMs = 0;
  let restMs = 0;
  let batches = 0;
  return {
    async rest() {
      const busy = clock() - since;
      busyMs += busy;
      batches += 1;
      const pause = restAfter(busy, options.dutyCycle, options.maxRestMs);
      await options.onRest?.().catch(() => {});
      if (pause > 0) await sleep(pause);
      else await immediate();
      restMs += pause;
      since = clock();
    },
    totals: () => ({ busyMs: Math.round(busyMs), restMs, batches }),
  };
}

/** A pacer that only yields to the event loop (short runs: one ticket's re-check, a test). */
export const UNPACED: Pacer = { rest: immediate, totals: () => ({ busyMs: 0, restMs: 0, batches: 0 }) };

/** The configured pacing for the full runs (SUPERVISION_DUTY_CYCLE). */
export function backgroundPacer(onRest?: () => Promise<void>): Pacer {
  return createPacer({ dutyCycle: getEnv().SUPERVISION_DUTY_CYCLE, onRest });
}
