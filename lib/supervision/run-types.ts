import type { CheckResult } from "@/lib/supervision/checks";

// What one run of the monitors produces per subject (lib/supervision/run-monitors.ts), shared by its
// parts (measure-site, store-results, reconcile) and its readers (inspect-report).

export type Trigger = "job" | "cli" | "recheck" | "manual";

export type SubjectReport = {
  kind: "site" | "account";
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  /** The site's first host, or the account's platform. */
  label: string;
  results: CheckResult[];
};
