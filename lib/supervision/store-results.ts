import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { STATUS_TO_DB } from "@/lib/supervision/checks";
import type { SubjectReport } from "@/lib/supervision/run-types";

// The results of one run of the monitors, each with its time and evidence: one insert for the run.

export async function storeResults(db: Db, runId: string, reports: SubjectReport[], now: Date): Promise<void> {
  await db.checkResult.createMany({
    data: reports.flatMap((report) =>
      report.results.map((result) => ({
        runId,
        ...(report.kind === "site" ? { siteId: report.id } : { accountId: report.id }),
        name: result.name,
        veto: result.veto,
        status: STATUS_TO_DB[result.status],
        measured:
          result.measured === undefined || result.measured === null || !Number.isFinite(result.measured)
            ? null
            : result.measured,
        threshold: result.threshold ?? null,
        warnAt: result.warnAt ?? null,
        unit: result.unit ?? null,
        evidence: result.evidence as Prisma.InputJsonValue,
        at: now,
      })),
    ),
  });
}
