import type { Tx } from "@/lib/db/client";
import type { SubmissionEventKind, SubmissionState } from "@/lib/db/generated/enums";

// One line of a submission's history (the page's 办理记录); the audit event beside it is the record.

export async function recordSubmissionEvent(
  tx: Tx,
  event: {
    submissionId: string;
    kind: SubmissionEventKind;
    fromState: SubmissionState | null;
    toState: SubmissionState;
    userId: string | null;
    orgId: string | null;
    note?: string | null;
    columnIds?: string[];
    at: Date;
  },
) {
  await tx.submissionEvent.create({
    data: {
      submissionId: event.submissionId,
      kind: event.kind,
      fromState: event.fromState,
      toState: event.toState,
      userId: event.userId,
      orgId: event.orgId,
      note: event.note ?? null,
      columnIds: event.columnIds ?? [],
      at: event.at,
    },
  });
}
