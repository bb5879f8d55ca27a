import { getDb } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { notFound } from "@/lib/errors";
import { getAssetStore } from "@/lib/library/asset-store";
import { assertOnRequest, type Context } from "@/lib/disclosure/guard";

// The applicant's identity document (条例第二十九条: 身份证明) is private: only the disclosure office
// of the unit asked may open it, to check who applied; each opening is audited (who, which file,
// from where). Another unit's staff and the public get "not found"/sign-in, and never the bytes.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getIdentityFile(
  actor: Principal | null,
  input: { requestId: string; attachmentId: string },
  context: Context = {},
) {
  if (!UUID.test(input.requestId) || !UUID.test(input.attachmentId)) throw notFound();
  const db = getDb();
  const request = await db.disclosureRequest.findUnique({
    where: { id: input.requestId },
    select: { id: true, unitId: true, trackingCode: true },
  });
  if (!request) throw notFound();
  const role = await assertOnRequest(actor, "disclosure.view", request);
  const attachment = await db.disclosureAttachment.findFirst({
    where: { id: input.attachmentId, requestId: request.id },
  });
  if (!attachment) throw notFound();
  const bytes = await getAssetStore().get(attachment.storageKey);
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "disclosure.identity_downloaded",
      subject: `disclosure:${request.id}`,
      data: { trackingCode: request.trackingCode, attachmentId: attachment.id, fileName: attachment.fileName },
      ...context,
    }),
  );
  return { attachment, bytes };
}
