import { getDb } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { getAssetStore } from "@/lib/library/asset-store";
import { answeringUnitId, assertOnLetter, loadLetter } from "@/lib/interaction/handling/guard";

// A file a writer sent with a letter: private to those who may see the letter (never public,
// never in the library's asset picker).

export async function getLetterAttachment(actor: Principal | null, letterId: string, attachmentId: string) {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!uuid.test(letterId) || !uuid.test(attachmentId)) throw notFound();
  const letter = await loadLetter(getDb(), letterId);
  await assertOnLetter(actor, "interaction.view", letter, letter.type.unitId).catch(async (error) => {
    await assertOnLetter(actor, "interaction.view", letter, answeringUnitId(letter)).catch(() => {
      throw error;
    });
  });
  const attachment = await getDb().letterAttachment.findFirst({ where: { id: attachmentId, letterId } });
  if (!attachment) throw notFound();
  return { attachment, bytes: await getAssetStore().get(attachment.storageKey) };
}
