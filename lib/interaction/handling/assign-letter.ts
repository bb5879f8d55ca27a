import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { assertOnLetter, assertState, loadLetter, updateLetter } from "@/lib/interaction/handling/guard";
import { ZAssignLetter } from "@/lib/interaction/handling/schemas";

// 转办/交办: the accepting unit sends an accepted letter to one or more units; the lead unit
// (主办) answers, the others (协办) contribute. Sending again replaces the assignment.

export async function assignLetter(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const { letterId, version, unitIds, leadUnitId } = parseInput(ZAssignLetter, input);
  const units = [...new Set(unitIds)];
  if (!units.includes(leadUnitId)) {
    const message = "主办单位须是所选承办单位之一。";
    throw invalid(message, { leadUnitId: [message] });
  }
  return getDb().$transaction(async (tx) => {
    const letter = await loadLetter(tx, letterId);
    const role = await assertOnLetter(actor, "interaction.handle", letter, letter.type.unitId);
    assertState(letter, ["ACCEPTED", "ASSIGNED"]);
    const found = await tx.organization.findMany({
      where: { id: { in: units }, active: true },
      select: { id: true, name: true },
    });
    if (found.length !== units.length) {
      const message = "所选承办单位不存在或已停用。";
      throw invalid(message, { unitIds: [message] });
    }
    await tx.letterAssignment.deleteMany({ where: { letterId } });
    await tx.letterAssignment.createMany({
      data: units.map((unitId) => ({ letterId, unitId, lead: unitId === leadUnitId, assignedById: actor!.id })),
    });
    await updateLetter(tx, letter, version, { state: "ASSIGNED" });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.letter.assign",
      subject: `letter:${letter.id}`,
      data: {
        queryCode: letter.queryCode,
        leadUnit: found.find((unit) => unit.id === leadUnitId)!.name,
        units: found.map((unit) => unit.name),
      },
      ...context,
    });
    return { id: letter.id };
  });
}
