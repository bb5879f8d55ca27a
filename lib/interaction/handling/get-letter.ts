import { getDb } from "@/lib/db/client";
import { createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { answeringUnitId, assertOnLetter, loadLetter } from "@/lib/interaction/handling/guard";
import { currentRound } from "@/lib/interaction/handling/save-reply";
import { letterExtensions } from "@/lib/interaction/handling/extension-view";
import { loadPublicCopyState } from "@/lib/interaction/publish/public-copy";
import { letterRelayView } from "@/lib/interaction/inbound/letter-relay-view";

// One letter as its handlers and reviewers see it (the original, with the writer's details), and
// which steps this actor may take on it now.

export async function getLetter(actor: Principal | null, letterId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(letterId)) throw notFound();
  const db = getDb();
  const letter = await loadLetter(db, letterId);
  await assertOnLetter(actor, "interaction.view", letter, letter.type.unitId).catch(async (error) => {
    // Visible to a unit it was sent to, even if that unit is not the type's own.
    await assertOnLetter(actor, "interaction.view", letter, answeringUnitId(letter)).catch(() => {
      throw error;
    });
  });
  const can = await createPermissionChecker(actor);
  const orgIds = [
    ...new Set([
      letter.type.unitId,
      ...letter.assignments.map((a) => a.unitId),
      ...letter.replies.map((r) => r.unitId),
    ]),
  ];
  const userIds = [
    ...new Set(letter.replies.flatMap((reply) => [reply.authorId, reply.reviewerId ?? ""]).filter(Boolean)),
  ];
  const [orgs, users, attachments, site, unitOptions] = await Promise.all([
    db.organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } }),
    db.letterAttachment.findMany({ where: { letterId }, select: { id: true, fileName: true, size: true } }),
    db.site.findUniqueOrThrow({ where: { id: letter.siteId }, select: { name: true } }),
    // Units a letter may be sent to (转办/交办): every active unit, by the tree's order.
    db.organization.findMany({
      where: { active: true, kind: { in: ["HOST", "SECTION"] } },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { id: true, name: true },
    }),
  ]);
  const orgName = (id: string) => orgs.find((org) => org.id === id)?.name ?? "";
  const userName = (id: string | null) => (id ? (users.find((user) => user.id === id)?.displayName ?? "") : "");
  const typeUnit = letter.type.unitId;
  const answering = answeringUnitId(letter);
  const round = currentRound(letter);
  const canHandleType = can("interaction.handle", { orgId: typeUnit });
  const canHandleAnswer = can("interaction.handle", { orgId: answering });
  const publicCopy = letter.publicResourceId ? await loadPublicCopyState(db, letter.publicResourceId) : null;
  const submitted = letter.replies.find((reply) => reply.round === round && reply.status === "SUBMITTED");
  const { requestExtension, decideExtension, ...extensions } = await letterExtensions(db, actor!, letter, answering, {
    handle: canHandleAnswer,
    decide: can("interaction.extension.decide", { orgId: answering }),
  });
  return {
    id: letter.id,
    version: letter.version,
    siteName: site.name,
    queryCode: letter.queryCode,
    typeName: letter.type.name,
    category: letter.type.category,
    typeUnitName: orgName(typeUnit),
    state: letter.state,
    title: letter.title,
    content: letter.content,
    writer: {
      name: letter.writerName,
      phone: letter.writerPhone,
      idNumber: letter.writerIdNumber,
      email: letter.writerEmail,
    },
    consentToPublish: letter.consentToPublish,
    publicCopy,
    pageUrl: letter.pageUrl,
    channel: letter.channel,
    relay: await letterRelayView(db, letter, canHandleAnswer),
    externalRef: letter.externalRef,
    platformEnteredAt: letter.platformEnteredAt,
    receivedAt: letter.receivedAt,
    acceptedAt: letter.acceptedAt,
    acceptDueAt: letter.acceptDueAt,
    replyDueAt: letter.replyDueAt,
    answeredAt: letter.answeredAt,
    clock: letter.clock,
    rejectRoute: letter.rejectRoute,
    rejectReason: letter.rejectReason,
    rating: letter.rating,
    reworkCount: letter.reworkCount,
    attachments,
    unitOptions,
    assignments: letter.assignments.map((a) => ({ unitId: a.unitId, unitName: orgName(a.unitId), lead: a.lead })),
    replies: letter.replies.map((reply) => ({
      id: reply.id,
      round: reply.round,
      body: reply.body,
      status: reply.status,
      unitName: orgName(reply.unitId),
      author: userName(reply.authorId),
      reviewer: userName(reply.reviewerId),
      reviewedAt: reply.reviewedAt,
      reviewComment: reply.reviewComment,
    })),
    ...extensions,
    draft:
      letter.replies.find((reply) => reply.round === round && (reply.status === "DRAFT" || reply.status === "RETURNED"))
        ?.body ?? "",
    steps: {
      accept: letter.state === "PENDING" && canHandleType,
      assign: (letter.state === "ACCEPTED" || letter.state === "ASSIGNED") && canHandleType,
      draft: (letter.state === "ASSIGNED" || letter.state === "HANDLING") && canHandleAnswer,
      submit:
        letter.state === "HANDLING" &&
        canHandleAnswer &&
        letter.replies.some((reply) => reply.round === round && reply.status === "DRAFT"),
      review:
        letter.state === "REVIEWING" &&
        !!submitted &&
        submitted.authorId !== actor!.id &&
        actor!.memberships.some((m) => m.role === letter.type.replyReviewer) &&
        can("interaction.reply.review", { orgId: answering }),
      requestExtension,
      decideExtension,
      // 国家平台 messages: the approved reply is entered there by hand, then recorded here.
      platformEntry: letter.channel === "NATIONAL" && letter.state === "ANSWERED" && canHandleType,
      select:
        (letter.state === "ANSWERED" || letter.state === "CLOSED") &&
        letter.consentToPublish &&
        (publicCopy === null || publicCopy === "RETURNED") &&
        canHandleAnswer,
    },
  };
}
