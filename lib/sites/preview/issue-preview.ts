import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { getEnv } from "@/lib/env";
import { invalid, notFound } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { parseInput } from "@/lib/validation/parse";
import { assertMayPreview } from "@/lib/sites/preview/access";
import { loadPlaceableTargets, loadPreviewTargets } from "@/lib/sites/preview/targets";
import { signPreviewToken } from "@/lib/sites/preview/token";

// Issuing a draft-preview link (预览): a revision of a resource, in one of the sites and columns
// it is placed in (before any placement: one its editor could place it in), for
// PREVIEW_LINK_MINUTES. Who issued which revision for which site is audited.

const t = messages.preview;

export const ZIssuePreview = z.object({
  resourceId: z.uuid("稿件不正确"),
  /** Empty: the latest revision. */
  revisionId: z.preprocess((value) => (value === "" ? undefined : value), z.uuid("修订版本不正确").optional()),
  columnId: z.uuid("请选择预览的栏目"),
});
export type TIssuePreview = z.input<typeof ZIssuePreview>;

export type IssuedPreview = { token: string; path: string; expiresAt: Date };

export async function issuePreviewLink(
  actor: Principal | null,
  input: unknown,
  context: Partial<RequestContext> = {},
  now = new Date(),
): Promise<IssuedPreview> {
  const request = parseInput(ZIssuePreview, input);
  const db = getDb();
  const resource = await db.resource.findUnique({
    where: { id: request.resourceId },
    select: { id: true, ownerOrgId: true, trashedAt: true },
  });
  if (!resource) throw notFound();
  const role = await assertMayPreview(db, actor, resource);
  const revision = await db.revision.findFirst({
    where: { resourceId: resource.id, ...(request.revisionId ? { id: request.revisionId } : {}) },
    orderBy: { number: "desc" },
    select: { id: true, number: true, contentHash: true },
  });
  if (!revision) throw request.revisionId ? notFound(t.revisionMismatch) : invalid(t.noRevision);
  const placed = await loadPreviewTargets(db, resource.id, revision.id);
  // Placed nowhere yet: any column this person could choose for it when submitting.
  const choices = placed.length ? placed : await loadPlaceableTargets(actor!, resource.ownerOrgId);
  const target = choices.find((candidate) => candidate.columnId === request.columnId);
  if (!target) throw invalid(t.notPlaced, { columnId: [t.notPlaced] });
  const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + getEnv().PREVIEW_LINK_MINUTES * 60_000);
  const token = signPreviewToken({
    resourceId: resource.id,
    revisionId: revision.id,
    siteId: target.siteId,
    columnId: target.columnId,
    expiresAt,
  });
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "preview.issue",
      subject: `resource:${resource.id}`,
      data: {
        revision: revision.number,
        revisionId: revision.id,
        contentHash: revision.contentHash,
        siteId: target.siteId,
        site: target.siteName,
        columnId: target.columnId,
        column: target.columnName,
        expiresAt: expiresAt.toISOString(),
      },
      ...context,
    }),
  );
  return { token, path: `/admin/preview/${token}`, expiresAt };
}
