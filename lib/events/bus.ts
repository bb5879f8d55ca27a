import type { EventHandler, EventMap, EventName } from "@/lib/events/types";

// The handlers of each event, registered once per process by lib/subscribers.ts. Deliberately
// per module instance: the Next.js bundle has its own copy of lib/ and registers its own handlers
// (app/admin/(console)/guard.ts), so errors its handlers throw are its own DomainError class.

type Registry = Map<EventName, EventHandler<EventName>[]>;

const handlersByName: Registry = new Map();

function registry(): Registry {
  return handlersByName;
}

/** Adds a handler; returns the function that removes it again. */
export function on<K extends EventName>(name: K, handler: EventHandler<K>): () => void {
  const handlers = registry().get(name) ?? [];
  handlers.push(handler as EventHandler<EventName>);
  registry().set(name, handlers);
  return () => {
    const current = registry().get(name) ?? [];
    registry().set(
      name,
      current.filter((candidate) => candidate !== handler),
    );
  };
}

/**
 * Runs every handler of the event, in registration order, and waits for each. An event nobody
 * subscribed to is a process that forgot lib/subscribers.ts: it fails rather than silently
 * skipping the search index, the portal purge or the channel deliveries.
 */
export async function emit<K extends EventName>(name: K, event: EventMap[K]): Promise<void> {
  const handlers = registry().get(name) ?? [];
  if (handlers.length === 0) {
    throw new Error(`No subscriber for event "${name}": call registerSubscribers() (lib/subscribers.ts) when the process starts.`);
  }
  for (const handler of handlers) await handler(event);
}
