import type { Db, Tx } from "@/lib/db/client";
import { chinaDay } from "@/lib/calendar/working-days";
import { ZStoredRevisionMetadata } from "@/lib/library/metadata";
import { chinaDayStart } from "@/lib/time/china";
import type { DocRow, Entries, ResultRow } from "@/lib/disclosure/report-format";
import {
  checkBalance,
  countPolicies,
  remedyTable,
  tallyRequests,
  type DocCounts,
  type Imbalance,
  type PolicyFact,
  type RemedyTable,
  type RequestFact,
  type Table3,
} from "@/lib/disclosure/report-tally";
import { applyOverrides, type Override } from "@/lib/disclosure/report-overrides";
import { tallyFees, type FeeFact, type FeeFigures } from "@/lib/disclosure/report-fees";

// Reads what the report counts, for one unit and year: the unit's published policy documents (of
// the unit and its sections), its 依申请公开 requests and their 信息处理费; then assembles the whole
// report, with the office's corrections of table 三 applied.

/** The unit's published 规章 and 行政规范性文件, by the 文件类别 of their live published revision. */
export async function loadPolicyFacts(db: Db | Tx, orgIds: string[]): Promise<PolicyFact[]> {
  const rows = await db.resource.findMany({
    where: {
      kind: "POLICY",
      ownerOrgId: { in: orgIds },
      trashedAt: null,
      publications: { some: { withdrawnAt: null } },
    },
    select: {
      validity: true,
      publications: {
        where: { withdrawnAt: null },
        orderBy: { publishedAt: "desc" },
        take: 1,
        select: { publishedAt: true, firstPublishedAt: true, revision: { select: { metadata: true } } },
      },
      validityLog: { orderBy: { at: "asc" }, select: { from: true, to: true, at: true } },
    },
  });
  return rows.flatMap((row): PolicyFact[] => {
    const publication = row.publications[0];
    if (!publication) return [];
    const metadata = ZStoredRevisionMetadata.safeParse(publication.revision.metadata);
    const policy = metadata.success ? metadata.data.policy : undefined;
    const category: DocRow | undefined = policy?.category;
    if (!category) return [];
    const issuedOn = policy?.writtenOn ?? chinaDay(publication.firstPublishedAt ?? publication.publishedAt);
    return [{ category, issuedOn, changes: row.validityLog, validity: row.validity }];
  });
}

/** The unit's requests that bear on `year`: received by its end and not concluded before it began. */
export async function loadRequestFacts(db: Db | Tx, orgIds: string[], year: number): Promise<RequestFact[]> {
  const start = chinaDayStart(`${year}-01-01`);
  const end = chinaDayStart(`${year + 1}-01-01`);
  const rows = await db.disclosureRequest.findMany({
    where: {
      unitId: { in: orgIds },
      receivedAt: { lt: end },
      OR: [{ concludedAt: null }, { concludedAt: { gte: start } }],
    },
    select: { applicantType: true, receivedAt: true, concludedAt: true, answerType: true },
  });
  return rows.map((row) => ({ ...row, answerType: row.answerType as ResultRow | null }));
}

/** The unit's fee notices that bear on `year`: sent or paid in it. */
export async function loadFeeFacts(db: Db | Tx, orgIds: string[], year: number): Promise<FeeFact[]> {
  const inYear = { gte: chinaDayStart(`${year}-01-01`), lt: chinaDayStart(`${year + 1}-01-01`) };
  return db.disclosureFee.findMany({
    where: { request: { unitId: { in: orgIds } }, OR: [{ noticeAt: inYear }, { paidAt: inYear }] },
    select: { amountYuan: true, noticeAt: true, paidAt: true },
  });
}

export type ReportFigures = {
  docs: DocCounts;
  /** Table 三 as printed: computed from the requests, with the office's corrections. */
  table3: Table3;
  /** The corrected cells, each with its computed figure and reason. */
  overrides: Override[];
  remedies: RemedyTable;
  fees: FeeFigures;
  imbalances: Imbalance[];
};

export function assembleFigures(
  policies: readonly PolicyFact[],
  requests: readonly RequestFact[],
  entries: Entries,
  year: number,
  fees: readonly FeeFact[] = [],
): ReportFigures {
  const { table: table3, overrides } = applyOverrides(tallyRequests(requests, year), entries);
  return {
    docs: countPolicies(policies, year),
    table3,
    overrides,
    remedies: remedyTable(entries),
    fees: tallyFees(fees, year),
    imbalances: checkBalance(table3),
  };
}

/** Every figure of the unit's report for `year`. */
export async function loadFigures(
  db: Db | Tx,
  orgIds: string[],
  year: number,
  entries: Entries,
): Promise<ReportFigures> {
  const [policies, requests, fees] = await Promise.all([
    loadPolicyFacts(db, orgIds),
    loadRequestFacts(db, orgIds, year),
    loadFeeFacts(db, orgIds, year),
  ]);
  return assembleFigures(policies, requests, entries, year, fees);
}
