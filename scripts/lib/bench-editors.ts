// Editors who publish through the real review during a benchmark, in the benchmark's own process.
// lib/ is imported late, once the caller has pointed DATABASE_URL at the bench database.
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";

/** The five checks of the seeded district workflow's first stage. */
const CHECKS = ["politics", "law", "policy", "secrecy", "wording"];

/**
 * The seeded editor, reviewer and deputy (直接责任人), each signed in, with the event subscribers
 * registered as the app registers them.
 */
export async function signInEditors(db: Db) {
  const { loadActor } = await import("@/lib/auth/session");
  (await import("@/lib/subscribers")).registerSubscribers();
  const actor = async (username: string) => {
    const user = await db.user.findUniqueOrThrow({ where: { username } });
    const session = await db.session.create({ data: { userId: user.id } });
    return (await loadActor(user.id, session.id))!;
  };
  const [editor, reviewer, deputy] = [await actor("editor"), await actor("reviewer"), await actor("deputy")];
  return { editor, reviewer, deputy };
}

/** Signs every check of the first stage as `reviewer`, then the second stage as `deputy`. */
export async function approveReview(
  reviewers: { reviewer: Actor; deputy: Actor },
  instanceId: string,
  contentHash: string,
) {
  const { signOff } = await import("@/lib/review/instances");
  for (const check of CHECKS) {
    await signOff(reviewers.reviewer, { instanceId, stagePosition: 0, check, decision: "APPROVE", contentHash });
  }
  await signOff(reviewers.deputy, { instanceId, stagePosition: 1, decision: "APPROVE", contentHash });
}
