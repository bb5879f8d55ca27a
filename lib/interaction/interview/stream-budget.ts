// How many live interview streams (server-sent events) one portal process keeps open: each holds
// a socket, a timer and a follower of the live hub for as long as the page is open, so without a
// cap one address opening thousands would hold the process's memory and file descriptors. Per
// address a handful (a visitor with a few tabs; the browser itself allows six connections per
// host over HTTP/1.1), and in all a ceiling well under the process's descriptor limit.

export type StreamLimits = { total: number; perAddress: number };

export type StreamBudget = {
  /** A release function when a stream may open for `address`; null when a limit is reached. */
  acquire(address: string | null): (() => void) | null;
  open(): number;
};

export function createStreamBudget(limits: StreamLimits): StreamBudget {
  const byAddress = new Map<string, number>();
  let total = 0;
  return {
    acquire(address) {
      const key = address ?? "unknown";
      const held = byAddress.get(key) ?? 0;
      if (total >= limits.total || held >= limits.perAddress) return null;
      total += 1;
      byAddress.set(key, held + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        total -= 1;
        const left = (byAddress.get(key) ?? 1) - 1;
        if (left > 0) byAddress.set(key, left);
        else byAddress.delete(key);
      };
    },
    open: () => total,
  };
}
