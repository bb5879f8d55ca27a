import { getDb } from "@/lib/db/client";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { runMonitors } from "@/lib/supervision/run-monitors";

// 立即检查: the supervising unit runs every monitor now, as the daily job would (no extra probe:
// availability is measured from the scheduled probes).

export async function runMonitorsNow(actor: Principal | null, now: Date = new Date()) {
  await assertCan(actor, "supervision.run", "platform");
  return runMonitors(getDb(), { trigger: "manual", now, startedById: actor!.id });
}
