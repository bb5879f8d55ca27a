import { getDb } from "@/lib/db/client";
import { assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { getOrgTree } from "@/lib/org/tree";
import { notFound } from "@/lib/errors";
import { describeClock } from "@/lib/disclosure/describe-clock";
import type { ClockDerivation } from "@/lib/disclosure/clock";
import { loadNoticeApproval } from "@/lib/disclosure/answer-steps";
import { assertOnRequest, REQUEST_INCLUDE } from "@/lib/disclosure/guard";

// The disclosure office's views: the requests of the units it serves (and only those: another
// unit's requests are neither listed nor found), and one request with its steps, clock and 告知书.

const OPEN = ["RECEIVED", "REGISTERED", "CORRECTION", "REVIEWING", "ANSWERED"] as const;

export async function listRequests(actor: Principal | null, filter: { open?: boolean } = {}, now = new Date()) {
  assertHoldsRoleFor(actor, "disclosure.view");
  const tree = await getOrgTree();
  const may = await createPermissionChecker(actor, tree);
  const units = actor!.memberships
    .filter((membership) => membership.role === "DISCLOSURE_OFFICER" || membership.role === "DISCLOSURE_HEAD")
    .flatMap((membership) => [membership.orgId, ...tree.descendants(membership.orgId)]);
  const rows = await getDb().disclosureRequest.findMany({
    where: { unitId: { in: [...new Set(units)] }, ...(filter.open ? { state: { in: [...OPEN] } } : {}) },
    orderBy: [{ dueAt: "asc" }],
    take: 500,
    select: {
      id: true,
      trackingCode: true,
      unitId: true,
      unit: { select: { name: true } },
      applicantName: true,
      applicantType: true,
      infoTitle: true,
      receiptChannel: true,
      receivedAt: true,
      dueAt: true,
      state: true,
      duplicateOfId: true,
    },
  });
  return rows
    .filter((row) => may("disclosure.view", { orgId: row.unitId }))
    .map((row) => ({
      ...row,
      isOpen: (OPEN as readonly string[]).includes(row.state),
      isOverdue: (OPEN as readonly string[]).includes(row.state) && row.dueAt.getTime() < now.getTime(),
    }));
}

export async function getRequest(actor: Principal | null, requestId: string) {
  const db = getDb();
  if (!/^[0-9a-f-]{36}$/i.test(requestId)) throw notFound();
  const request = await db.disclosureRequest.findUnique({
    where: { id: requestId },
    include: {
      ...REQUEST_INCLUDE,
      attachments: { select: { id: true, fileName: true, mimeType: true, size: true, purpose: true } },
      events: { orderBy: { at: "asc" } },
      duplicateOf: { select: { id: true, trackingCode: true } },
    },
  });
  if (!request) throw notFound();
  await assertOnRequest(actor, "disclosure.view", request);
  const may = await createPermissionChecker(actor);
  const approval = await loadNoticeApproval(db, request.answer?.resourceId ?? null);
  const people = await db.user.findMany({
    where: {
      id: {
        in: [
          ...request.events.map((event) => event.actorId),
          ...request.extensions.flatMap((extension) => [extension.requestedById, extension.decidedById]),
        ].filter((id): id is string => Boolean(id)),
      },
    },
    select: { id: true, displayName: true },
  });
  const { passwordHash: _passwordHash, ...visible } = request;
  return {
    ...visible,
    clockText: describeClock(request.clock as ClockDerivation, request.receiptChannel),
    notice: approval,
    names: Object.fromEntries(people.map((person) => [person.id, person.displayName])),
    canHandle: may("disclosure.handle", { orgId: request.unitId }),
    canDecideExtension: may("disclosure.extension.decide", { orgId: request.unitId }),
    actorId: actor!.id,
  };
}
