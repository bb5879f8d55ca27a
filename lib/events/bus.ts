import type { EventHandler, EventMap, EventName } from "@/lib/events/types";

// The handlers of each event, registered once per process by lib/subscribers.ts. Deliberately
// per module instance: the Next.js bundle has its own copy of lib/ and registers its own handlers
// (app/admin/(console)/guard.ts), so errors its handlers throw are its own DomainError class.

const handlersByName = new Map<EventName, EventHandler<EventName>[]>();

/** Adds a handler; returns the function that removes it again. */
export function on<K extends EventName>(name: K, handler: EventHandler<K>): () => void {
  handlersByName.set(name, [...(handlersByName.get(name) ?? []), handler as EventHandler<EventName>]);
  return () => {
    handlersByName.set(
      name,
      (handlersByName.get(name) ?? []).filter((candidate) => candidate !== handler),
    );
  };
}

/**
 * Runs every handler of the event, in registration order, and waits for each. An event nobody
 * subscribed to is a process that forgot lib/subscribers.ts: it fails rather than silently
 * skipping the search index, the portal purge or the channel deliveries.
 */
export async function emit<K extends EventName>(name: K, event: EventMap[K]): Promise<void> {
  const handlers = handlersByName.get(name) ?? [];
  if (handlers.length === 0) {
    throw new Error(
      `No subscriber for event "${name}": call registerSubscribers() (lib/subscribers.ts) when the process starts.`,
    );
  }
  for (const handler of handlers) await handler(event);
}

/** An after-commit consumer: reads the outbox from its own cursor until stopped (e.g. Meilisearch). */
export type Follower = (log: (message: string) => void) => Promise<(() => Promise<void>) | null>;

const followers = new Map<string, Follower>();

/** Registers an after-commit consumer by name (lib/subscribers.ts); returns its removal. */
export function follow(name: string, start: Follower): () => void {
  followers.set(name, start);
  return () => {
    if (followers.get(name) === start) followers.delete(name);
  };
}

/** Starts every registered after-commit consumer (the jobs runner); returns one stop for all. */
export async function startFollowers(log: (message: string) => void): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  for (const start of followers.values()) {
    const stop = await start(log);
    if (stop) stops.push(stop);
  }
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
