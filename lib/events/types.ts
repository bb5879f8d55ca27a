import type { Db, Tx } from "@/lib/db/client";
import type { Revision } from "@/lib/db/generated/client";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";

// The events one layer tells the layers above it (docs/architecture.md). An emitter names what
// happened; lib/subscribers.ts decides who reacts. Every handler runs inside the emitter's
// transaction (`tx`), in registration order, so a projection commits or rolls back with the change.

export type OutboxTopic =
  | "publication.published"
  | "publication.withdrawn"
  | "placement.changed"
  | "policy.validity.changed"
  /** A 答问's 有效期 began or ended (the daily sweep, lib/interaction/qa/validity-sweep.ts). */
  | "qa.validity.changed";

export type OutboxEventData = { id: bigint; topic: string; subject: string; payload: unknown; createdAt: Date };

export type OutboxPayload = { resourceId: string; added?: string[]; removed?: string; columnId?: string } & Record<
  string,
  unknown
>;

type Context = Partial<RequestContext>;

export type EventMap = {
  /** A public change was written to the outbox: the portal purges, search rewrites, channels plan. */
  "outbox.recorded": { tx: Tx; topic: OutboxTopic; subject: string; payload: OutboxPayload };
  /**
   * A library item got a new revision. A running review of it is superseded by one of the new
   * text; the subscriber reports that review's id in `outcome`.
   */
  "resource.revised": {
    tx: Tx;
    resourceId: string;
    revision: Pick<Revision, "id" | "number" | "title" | "body" | "metadata" | "contentHash" | "authorId">;
    role: string;
    context: Context;
    outcome: { reviewInstanceId: string | null };
  };
  /** Before a review opens: the columns and channels it asks to publish to must be open to the actor. */
  "review.submitting": { db: Db | Tx; actor: Principal; ownerOrgId: string; columnIds: string[]; channelIds: string[] };
  /** The final sign-off of a review: publishing carries out the submitter's choice (now, later, manual). */
  "review.approved": {
    tx: Tx;
    instance: {
      id: string;
      resourceId: string;
      publishMode: string;
      publishAt: Date | null;
      submittedById: string;
      title: string;
    };
    /** Who hears of a scheduled or pending publication. */
    interested: string[];
    actorId: string;
    role: string;
    context: Context;
  };
  /** A site's settings or columns changed: its service entries (办事入口) change in search. */
  "site.changed": { tx: Tx; siteId: string };
  /** The holiday calendar changed on `date`: open deadlines counted in working days are counted again. */
  "calendar.changed": { tx: Tx; date: string; actorId: string; role: string; context: Context };
};

export type EventName = keyof EventMap;
export type EventHandler<K extends EventName> = (event: EventMap[K]) => Promise<void>;
