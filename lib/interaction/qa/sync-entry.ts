import type { Tx } from "@/lib/db/client";
import { invalid } from "@/lib/errors";
import { ZStoredRevisionMetadata, type TQaFields } from "@/lib/library/metadata";
import { dateOfDay } from "@/lib/interaction/qa/rules";

// The QaEntry row mirrors the 答问 fields signed in a QA revision's metadata (themes, linked
// policies, 有效期, 答复单位), so the portal, the API and the flags query columns, not JSON. It follows
// the live publication's revision, else the latest revision: what is served is what was signed.

const NO_FIELDS: TQaFields = { themes: [], policyIds: [], validFrom: null, validTo: null };

function qaFieldsOf(metadata: unknown): TQaFields {
  const parsed = ZStoredRevisionMetadata.safeParse(metadata);
  return (parsed.success ? parsed.data.qa : undefined) ?? NO_FIELDS;
}

/**
 * Refuses a QA revision whose fields point nowhere: unknown themes, linked items that are not
 * policies or interpretations (or are in the 回收站), an unknown 答复单位. Runs in the save's
 * transaction, so a refused save writes nothing.
 */
export async function checkQaFields(tx: Tx, metadata: unknown): Promise<void> {
  const qa = qaFieldsOf(metadata);
  if (qa.themes.length) {
    const known = await tx.qaTheme.count({ where: { code: { in: qa.themes } } });
    if (known !== new Set(qa.themes).size)
      throw invalid("所选的答问主题不存在。", { "metadata.qa.themes": ["答问主题不存在"] });
  }
  if (qa.policyIds.length) {
    const policies = await tx.resource.count({
      where: { id: { in: qa.policyIds }, kind: { in: ["POLICY", "INTERPRETATION"] }, trashedAt: null },
    });
    if (policies !== qa.policyIds.length)
      throw invalid("关联政策须是资源库中的政策文件或政策解读。", {
        "metadata.qa.policyIds": ["关联政策须是政策文件或政策解读"],
      });
  }
  if (qa.unitId && !(await tx.organization.findUnique({ where: { id: qa.unitId }, select: { id: true } })))
    throw invalid("所选的答复单位不存在。", { "metadata.qa.unitId": ["答复单位不存在"] });
}

/** Writes the entry's columns from the revision that counts; creates a hand-entered entry on the first save. */
export async function syncQaEntry(tx: Tx, resourceId: string): Promise<void> {
  const resource = await tx.resource.findUnique({
    where: { id: resourceId },
    select: { kind: true, ownerOrgId: true },
  });
  if (!resource || resource.kind !== "QA") return;
  const live = await tx.publication.findFirst({
    where: { resourceId, withdrawnAt: null, supersededAt: null },
    orderBy: { publishedAt: "desc" },
    select: { revision: { select: { metadata: true } } },
  });
  const revision =
    live?.revision ??
    (await tx.revision.findFirst({ where: { resourceId }, orderBy: { number: "desc" }, select: { metadata: true } }));
  if (!revision) return;
  const qa = qaFieldsOf(revision.metadata);
  const columns = {
    unitId: qa.unitId ?? resource.ownerOrgId,
    themes: qa.themes,
    validFrom: dateOfDay(qa.validFrom),
    validTo: dateOfDay(qa.validTo),
    updatedAt: new Date(),
  };
  await tx.qaEntry.upsert({
    where: { resourceId },
    create: { resourceId, origin: "MANUAL", ...columns },
    update: columns,
  });
  await tx.qaPolicyLink.deleteMany({ where: { entryId: resourceId } });
  if (qa.policyIds.length) {
    await tx.qaPolicyLink.createMany({
      data: qa.policyIds.map((policyId, position) => ({ entryId: resourceId, policyId, position })),
    });
  }
}
