import { z } from "zod";
import { Role } from "@/lib/db/generated/enums";
import type { Finding } from "@/lib/review/prechecks";

// The rules of a review instance, as pure functions over its stage snapshot and sign-offs, so
// that signing, the inbox and publish() all decide "is this complete?" the same way.

export const ZStage = z.object({
  position: z.number().int().min(0),
  name: z.string().min(1),
  type: z.enum(["ROLE_APPROVAL", "CHECKS", "DIRECT_RESPONSIBLE", "FIRST_RESPONSIBLE"]),
  role: z.enum(Role).nullable(),
  checks: z.array(z.string()),
  condition: z.enum(["ALWAYS", "FLAGGED"]),
});
export type Stage = z.infer<typeof ZStage>;
export const ZStages = z.array(ZStage);

export type SignOffFact = {
  stagePosition: number;
  check: string | null;
  userId: string;
  decision: "APPROVE" | "RETURN" | "REJECT";
};

export function appliesTo(stage: Stage, flagged: boolean): boolean {
  return stage.condition === "ALWAYS" || flagged;
}

/** The checks of a CHECKS stage still waiting for an approving sign-off. */
export function pendingChecks(stage: Stage, signOffs: SignOffFact[]): string[] {
  if (stage.type !== "CHECKS") return [];
  const approved = new Set(
    signOffs
      .filter((signOff) => signOff.stagePosition === stage.position && signOff.decision === "APPROVE")
      .map((signOff) => signOff.check),
  );
  return stage.checks.filter((check) => !approved.has(check));
}

export function isStageComplete(stage: Stage, signOffs: SignOffFact[]): boolean {
  if (stage.type === "CHECKS") return pendingChecks(stage, signOffs).length === 0;
  return signOffs.some((signOff) => signOff.stagePosition === stage.position && signOff.decision === "APPROVE");
}

/** The first applicable stage not yet complete, or null when every required stage is signed. */
export function currentStage(stages: Stage[], flagged: boolean, signOffs: SignOffFact[]): Stage | null {
  return stages.find((stage) => appliesTo(stage, flagged) && !isStageComplete(stage, signOffs)) ?? null;
}

/** Whether an approval now would complete the last required stage (the final approval). */
export function wouldComplete(stages: Stage[], flagged: boolean, signOffs: SignOffFact[], next: SignOffFact): boolean {
  return currentStage(stages, flagged, [...signOffs, next]) === null;
}

export type BlockState = { blocking: Finding[]; overridden: boolean };

export function blockingFindings(findings: Finding[]): Finding[] {
  return findings.filter((finding) => finding.level === "block");
}

export const BARRED_MESSAGE = "自上次发布以来撰写过本稿件任一修订版本的人员和送审人，不能审核本稿件。";

/**
 * Why `userId` may not sign `stage` of this instance regardless of their roles, or null:
 * the author of the revision, anyone who wrote a revision since the last publication and the
 * submitter (the instance's `barredUserIds`) never sign it, and one person signs one stage only
 * unless the workflow allows more (DESIGN invariant 3).
 */
export function personalBar(input: {
  userId: string;
  authorId: string;
  barredUserIds: string[];
  allowSameSigner: boolean;
  stage: Stage;
  signOffs: SignOffFact[];
}): string | null {
  if (input.userId === input.authorId) return "稿件作者不能审核自己撰写的修订版本。";
  if (input.barredUserIds.includes(input.userId)) return BARRED_MESSAGE;
  if (!input.allowSameSigner) {
    const other = input.signOffs.find(
      (signOff) => signOff.userId === input.userId && signOff.stagePosition !== input.stage.position,
    );
    if (other) return "同一审核流程中，同一人不能签署两个环节。";
  }
  return null;
}
