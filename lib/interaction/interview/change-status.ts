import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { parseInput } from "@/lib/validation/parse";
import { assertOnInterview, assertStatus, lockInterview, updateInterview } from "@/lib/interaction/interview/guard";
import { ZInterviewStep } from "@/lib/interaction/interview/schemas";

// 开始直播 and 结束访谈: the moderator opens the live part (answers may be posted from then on)
// and closes the interview (no more questions or answers; the 文字实录 can be assembled).

type Context = Partial<RequestContext>;

export async function startInterview(actor: Principal | null, input: unknown, context: Context = {}) {
  const { interviewId, version } = parseInput(ZInterviewStep, input);
  await getDb().$transaction(async (tx) => {
    const interview = await lockInterview(tx, interviewId);
    const role = await assertOnInterview(actor, "interview.manage", interview);
    assertStatus(interview, ["ANNOUNCED"]);
    await updateInterview(tx, interview, version, { status: "LIVE", startedAt: new Date() });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.interview.start",
      subject: `interview:${interviewId}`,
      data: { topic: interview.topic },
      ...context,
    });
  });
}

export async function closeInterview(actor: Principal | null, input: unknown, context: Context = {}) {
  const { interviewId, version } = parseInput(ZInterviewStep, input);
  await getDb().$transaction(async (tx) => {
    const interview = await lockInterview(tx, interviewId);
    const role = await assertOnInterview(actor, "interview.manage", interview);
    assertStatus(interview, ["ANNOUNCED", "LIVE"]);
    await updateInterview(tx, interview, version, { status: "CLOSED", closedAt: new Date() });
    // Questions nobody moderated are not shown, and are no longer waiting for anyone.
    const unmoderated = await tx.interviewQuestion.updateMany({
      where: { interviewId, status: "PENDING" },
      data: { status: "REJECTED", moderatedById: actor!.id, moderatedAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.interview.close",
      subject: `interview:${interviewId}`,
      data: { topic: interview.topic, unmoderated: unmoderated.count },
      ...context,
    });
  });
}
