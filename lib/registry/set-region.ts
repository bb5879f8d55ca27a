import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { announcePortalChange } from "@/lib/cache/portal-purge";
import { parseInput } from "@/lib/validation/parse";
import { getRegion } from "@/lib/registry/region";
import { MATRIX_CACHE_TAG, REGION_STATE_KEY, ZRegion, type Context } from "@/lib/registry/schemas";

export async function setRegion(actor: Principal | null, input: unknown, context: Context = {}) {
  const role = await assertCan(actor, "registry.configure", "platform");
  const { region } = parseInput(ZRegion, input);
  return getDb().$transaction(async (tx) => {
    const before = await getRegion(tx);
    await tx.platformState.upsert({
      where: { key: REGION_STATE_KEY },
      create: { key: REGION_STATE_KEY, value: { name: region } },
      update: { value: { name: region } },
    });
    await announcePortalChange(tx, [MATRIX_CACHE_TAG]);
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "registry.region.update",
      subject: "registry:region",
      data: { before, after: region },
      ...context,
    });
    return region;
  });
}
