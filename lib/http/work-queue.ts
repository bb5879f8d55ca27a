// Admission for the expensive requests of one portal process: page renders and searches. Node
// runs them on one thread, and a render holds it for tens of milliseconds at a time; with no bound,
// an overload piles up work until every request, cached pages included, waits past any deadline.
// So at most `concurrency` run at once, at most `queue` wait, and none waits longer than
// `maxWaitMs`: beyond that a request is refused at once (the server answers 503 with Retry-After),
// which keeps the event loop short enough for cache hits, which never enter the queue.

export type WorkQueueOptions = {
  /** Requests running at once (renders overlap their database waits). */
  concurrency: number;
  /** Requests waiting for a slot; one more is refused at once. */
  queue: number;
  /** The longest a request waits for a slot before it is refused. */
  maxWaitMs: number;
};

type Waiter = { start: () => void; refuse: () => void; timer: NodeJS.Timeout };

export class WorkQueue {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  /** Requests refused since the process started (queue full or waited too long). */
  refused = 0;

  constructor(private readonly options: WorkQueueOptions) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `work` in a free slot; resolves false without running it when the request is refused. */
  run(work: () => Promise<void> | void): Promise<boolean> {
    if (this.running < this.options.concurrency) return this.start(work).then(() => true);
    if (this.waiting.length >= this.options.queue) {
      this.refused += 1;
      return Promise.resolve(false);
    }
    return new Promise<boolean>((resolve, reject) => {
      const waiter: Waiter = {
        start: () => this.start(work).then(() => resolve(true), reject),
        refuse: () => resolve(false),
        timer: setTimeout(() => {
          const at = this.waiting.indexOf(waiter);
          if (at >= 0) this.waiting.splice(at, 1);
          this.refused += 1;
          waiter.refuse();
        }, this.options.maxWaitMs),
      };
      this.waiting.push(waiter);
    });
  }

  private async start(work: () => Promise<void> | void): Promise<void> {
    this.running += 1;
    try {
      await work();
    } finally {
      this.running -= 1;
      const next = this.waiting.shift();
      if (next) {
        clearTimeout(next.timer);
        next.start();
      }
    }
  }
}
