import { follow, on } from "@/lib/events/bus";
import { reopenAfterEdit } from "@/lib/review/open";
import { assertColumnsOnSubmission, publishOnApproval } from "@/lib/publish/approval";
import { purgeResourcePages } from "@/lib/sites/resource-tags";
import { MEILI_CONSUMER, syncSearchDocuments, syncServiceEntries } from "@/lib/search/service";
import { startMeiliSync } from "@/lib/search/sync";
import { assertChannelsPlaceable } from "@/lib/channels/channels";
import { planDeliveries } from "@/lib/channels/deliveries";
import { recomputeOpenClocks } from "@/lib/interaction/recompute-clocks";
import { checkQaFields, syncQaEntry } from "@/lib/interaction/qa/sync-entry";
import { reactToPublicChange } from "@/lib/interaction/qa/flags";
import { recomputeDisclosureClocks } from "@/lib/disclosure/recompute-clocks";
import { recordReprintPublication } from "@/lib/reports/reprint/take";
import { recordEditionPublication } from "@/lib/submissions/adopt-edited";

// The composition root of the events (docs/architecture.md): which layer reacts to what another
// one did. The emitters import none of these. Every process that changes data calls
// registerSubscribers() before its first use case: the Next.js bundle in
// app/admin/(console)/guard.ts (every server action goes through it), the jobs runner, the
// scripts that publish and the integration tests' setup. An event without subscribers throws.
// Handlers run in the emitter's transaction in the order registered here; followers run after
// commit, each reading the outbox from its own cursor, started by the jobs runner.

/** Removes every registered handler; undefined while none are registered. */
let unregister: (() => void) | undefined;

/** Registers every subscriber, once per process (a second call does nothing). */
export function registerSubscribers(): void {
  if (unregister) return;
  const off = [
    // Library → review: a new revision supersedes the running review of the old text.
    on("resource.revised", async ({ tx, resourceId, revision, role, context, outcome }) => {
      const reopened = await reopenAfterEdit(tx, resourceId, revision, role, context);
      outcome.reviewInstanceId = reopened?.id ?? null;
    }),
    // Library → 答问库: a Q&A item's themes, linked policies and validity are checked and mirrored.
    on("resource.revised", async ({ tx, resourceId, revision }) => {
      await checkQaFields(tx, revision.metadata);
      await syncQaEntry(tx, resourceId);
    }),
    // Review → publish and channels: the chosen columns and channels must be open to the submitter.
    on("review.submitting", assertColumnsOnSubmission),
    on("review.submitting", ({ db, actor, ownerOrgId, channelIds }) =>
      assertChannelsPlaceable(db, actor, ownerOrgId, channelIds),
    ),
    // Review → publish: the final approval publishes, schedules or waits, as the submitter chose.
    on("review.approved", publishOnApproval),
    // Publish → portal, search, channels: in the transaction of the change (DESIGN invariant 5).
    on("outbox.recorded", purgeResourcePages),
    on("outbox.recorded", ({ tx, payload }) => syncSearchDocuments(tx, [payload.resourceId])),
    on("outbox.recorded", async ({ tx, topic, payload }) => {
      // Channel deliveries (分发同时) are outbox rows of their own, written and queued here.
      await planDeliveries(tx, topic, payload);
    }),
    // Publish → 答问库: a linked policy repealed, revised, expired or corrected flags its entries 待复核;
    // a Q&A item published again after review clears its flag.
    on("outbox.recorded", ({ tx, topic, payload }) => reactToPublicChange(tx, topic, payload)),
    // Publish → reports: a reprint's first publication is its 转载时间 (the 1-hour clock stops).
    on("outbox.recorded", ({ tx, topic, payload }) => recordReprintPublication(tx, topic, payload)),
    // Publish → 报送: an edition adopted edited goes live when its review passed (上线 on the submission).
    on("outbox.recorded", ({ tx, topic, payload }) => recordEditionPublication(tx, topic, payload)),
    // Sites → search: link columns are the site's service entries (办事入口).
    on("site.changed", ({ tx, siteId }) => syncServiceEntries(tx, siteId)),
    // Calendar → interaction: open letters' deadlines are counted again on the changed calendar.
    on("calendar.changed", async (change) => {
      await recomputeOpenClocks(change);
    }),
    // Calendar → disclosure: open 依申请公开 requests' due dates likewise.
    on("calendar.changed", async (change) => {
      await recomputeDisclosureClocks(change);
    }),
    // After commit: Meilisearch follows the outbox from its own cursor (the jobs runner starts it).
    follow(MEILI_CONSUMER, startMeiliSync),
  ];
  unregister = () => {
    for (const remove of off) remove();
  };
}

/** Removes what registerSubscribers() added (a test proves that publishing then fails). */
export function unregisterSubscribers(): void {
  unregister?.();
  unregister = undefined;
}
