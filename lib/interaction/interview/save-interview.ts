import { getDb, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import type { Role } from "@/lib/db/generated/enums";
import { invalid, notFound } from "@/lib/errors";
import { recordAsset, storeUpload, type StoredUpload } from "@/lib/library/assets";
import { announcePortalChange } from "@/lib/cache/portal-purge";
import { parseInput, parseNestedInput } from "@/lib/validation/parse";
import { formatDateTime } from "@/lib/format";
import {
  assertOnInterview,
  assertStatus,
  interviewTags,
  lockInterview,
  updateInterview,
} from "@/lib/interaction/interview/guard";
import { ZInterviewForm, ZUpdateInterview } from "@/lib/interaction/interview/schemas";

// 访谈预告: staff of the site's unit announce an interview (topic, time, guests with photos,
// summary); it is on the site from then on, and may be corrected until it closes. Guest photos go
// through the asset store like any upload (bytes checked, images only) and become public while
// the interview shows them (lib/library/assets.ts).

/** A photo chosen for the guest in the same position of the form. */
export type GuestPhoto = { fileName: string; bytes: Uint8Array } | null;
type Context = Partial<RequestContext>;

async function storePhotos(photos: GuestPhoto[]): Promise<(StoredUpload | null)[]> {
  const stored: (StoredUpload | null)[] = [];
  for (const [index, photo] of photos.entries())
    stored.push(photo ? await storeUpload(photo, { imagesOnly: true, field: `guests.${index}.photo` }) : null);
  return stored;
}

async function guestRows(
  tx: Tx,
  input: { actor: Principal; role: Role; orgId: string; context: Context },
  guests: { name: string; title: string; unit: string; photoAssetId?: string }[],
  photos: (StoredUpload | null)[],
) {
  const rows = [];
  for (const [position, guest] of guests.entries()) {
    const stored = photos[position];
    let photoAssetId = guest.photoAssetId ?? null;
    if (stored) {
      const asset = await recordAsset(tx, { ...input, stored }, input.context);
      photoAssetId = asset.id;
    } else if (photoAssetId) {
      // A kept photo must be one of this unit's files, not any asset id a form could name.
      const owned = await tx.asset.count({ where: { id: photoAssetId, ownerOrgId: input.orgId } });
      if (!owned) throw invalid("嘉宾照片不正确，请重新上传。", { [`guests.${position}.photo`]: ["照片不正确"] });
    }
    rows.push({ name: guest.name, title: guest.title, unit: guest.unit, photoAssetId, position });
  }
  return rows;
}

export async function createInterview(
  actor: Principal | null,
  input: unknown,
  photos: GuestPhoto[] = [],
  context: Context = {},
) {
  const form = parseNestedInput(ZInterviewForm, input);
  const db = getDb();
  const site = await db.site.findUnique({ where: { id: form.siteId }, select: { id: true, orgId: true } });
  if (!site) throw notFound();
  const role = await assertCan(actor, "interview.manage", { orgId: site.orgId });
  const stored = await storePhotos(photos);
  return db.$transaction(async (tx) => {
    const guests = await guestRows(tx, { actor: actor!, role, orgId: site.orgId, context }, form.guests, stored);
    const interview = await tx.interview.create({
      data: {
        siteId: site.id,
        topic: form.topic,
        summary: form.summary,
        startsAt: form.startsAt,
        endsAt: form.endsAt,
        createdById: actor!.id,
        guests: { create: guests },
      },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.interview.create",
      subject: `interview:${interview.id}`,
      data: { topic: form.topic, startsAt: formatDateTime(form.startsAt), guests: guests.map((guest) => guest.name) },
      ...context,
    });
    await announcePortalChange(tx, interviewTags(interview));
    return interview;
  });
}

/** Corrects an announced or live interview; the guests are replaced by the form's list. */
export async function editInterview(
  actor: Principal | null,
  input: unknown,
  photos: GuestPhoto[] = [],
  context: Context = {},
) {
  const { interviewId, version } = parseInput(ZUpdateInterview, input);
  const form = parseNestedInput(ZInterviewForm, input);
  const stored = await storePhotos(photos);
  return getDb().$transaction(async (tx) => {
    const interview = await lockInterview(tx, interviewId);
    const role = await assertOnInterview(actor, "interview.manage", interview);
    if (form.siteId !== interview.siteId) throw invalid("访谈所属网站不能修改。", { siteId: ["访谈所属网站不能修改"] });
    assertStatus(interview, ["ANNOUNCED", "LIVE"]);
    const guests = await guestRows(
      tx,
      { actor: actor!, role, orgId: interview.site.orgId, context },
      form.guests,
      stored,
    );
    // Guests who already answered stay (the record names them); the others are replaced.
    const answered = new Set(
      (
        await tx.interviewPost.findMany({
          where: { interviewId, guestId: { not: null } },
          select: { guestId: true },
          distinct: ["guestId"],
        })
      ).map((post) => post.guestId),
    );
    const kept = interview.guests.filter((guest) => answered.has(guest.id));
    const missing = kept.filter((guest) => !guests.some((row) => row.name === guest.name));
    if (missing.length)
      throw invalid(`嘉宾${missing.map((guest) => guest.name).join("、")}已作答复，不能从访谈中删除。`, {
        guests: ["已作答复的嘉宾不能删除"],
      });
    await updateInterview(tx, interview, version, {
      topic: form.topic,
      summary: form.summary,
      startsAt: form.startsAt,
      endsAt: form.endsAt,
    });
    await tx.interviewGuest.deleteMany({ where: { interviewId, id: { notIn: kept.map((guest) => guest.id) } } });
    for (const row of guests) {
      const same = kept.find((guest) => guest.name === row.name);
      if (same) await tx.interviewGuest.update({ where: { id: same.id }, data: row });
      else await tx.interviewGuest.create({ data: { ...row, interviewId } });
    }
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.interview.update",
      subject: `interview:${interviewId}`,
      data: { topic: form.topic, startsAt: formatDateTime(form.startsAt), guests: guests.map((guest) => guest.name) },
      ...context,
    });
  });
}
