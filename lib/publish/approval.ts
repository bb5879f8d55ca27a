import type { EventMap } from "@/lib/events/types";
import { notify } from "@/lib/org/notifications";
import { assertPlaceable } from "@/lib/publish/placement-rule";
import { publishInstance } from "@/lib/publish/publish";
import { createSchedule } from "@/lib/publish/schedule";

/**
 * The final approval of a review (event "review.approved", in its transaction): publishes now,
 * schedules the publication, or tells the submitter it awaits a manual publication, as the
 * submitter chose.
 */
export async function publishOnApproval({
  tx,
  instance,
  interested,
  actorId,
  role,
  context,
}: EventMap["review.approved"]): Promise<void> {
  if (instance.publishMode === "ON_APPROVAL") {
    await publishInstance(tx, instance.id, { actorId, role, via: "approval", ...context });
  } else if (instance.publishMode === "SCHEDULED" && instance.publishAt && instance.publishAt > new Date()) {
    await createSchedule(tx, instance.id, instance.publishAt, instance.submittedById);
    await notify(tx, interested, `审核通过，已定时发布：${instance.title}`, `/admin/library/${instance.resourceId}`);
  } else {
    await notify(tx, interested, `审核通过，待发布：${instance.title}`, `/admin/library/${instance.resourceId}`);
  }
}

/** Before a review opens (event "review.submitting"): the chosen columns must be open to the submitter. */
export async function assertColumnsOnSubmission({
  db,
  actor,
  ownerOrgId,
  columnIds,
}: EventMap["review.submitting"]): Promise<void> {
  await assertPlaceable(db, actor, ownerOrgId, columnIds);
}
