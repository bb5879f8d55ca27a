import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { DisclosureApplicantType, DisclosureEventKind } from "@/lib/db/generated/enums";
import { addWorkingDays } from "@/lib/calendar/working-days";
import { chinaToday } from "@/lib/time/china";
import { hashLetterPassword } from "@/lib/interaction/letter-password";
import { newLetterPassword, newQueryCode } from "@/lib/interaction/query-code";
import { computeClock } from "@/lib/disclosure/clock";
import { loadWorkCalendar } from "@/lib/disclosure/guard";

// What every demo 政府信息公开申请 is made with (lib/seed/disclosure-requests.ts): the office's
// actors, working days counted back from the seed's `now`, a request received online with its
// SUBMITTED event, the clock computed as the office's steps compute it, and an event of a step.

type Actors = { officer: string; head: string; deputy: string; reviewer: string };

type Applicant = {
  applicantType: DisclosureApplicantType;
  applicantName: string;
  idDocumentKind: string;
  idNumber: string;
  legalRepresentative?: string;
  phone: string;
  email?: string;
  address?: string;
};

type RequestSeed = {
  applicant: Applicant;
  infoTitle: string;
  infoNumber?: string;
  infoDescription: string;
  mediumWanted: string;
  deliveryWanted: string;
  /** Working days before today it was received (10:00 China time). */
  receivedBack: number;
};

export const at = (day: string, time = "10:00") => new Date(`${day}T${time}:00+08:00`);

export type SeedInput = { siteId: string; unitId: string; unitName: string; now: Date };

/** The helpers the demo requests are written with, bound to the transaction and the seed's day. */
export async function makeRequestSeeder(tx: Tx, input: SeedInput) {
  const users = await tx.user.findMany({
    where: { username: { in: ["disclosure", "disclosure-head", "deputy", "reviewer"] } },
    select: { id: true, username: true },
  });
  const id = (username: string) => users.find((user) => user.username === username)!.id;
  const actors: Actors = {
    officer: id("disclosure"),
    head: id("disclosure-head"),
    deputy: id("deputy"),
    reviewer: id("reviewer"),
  };
  const calendar = await loadWorkCalendar(tx);
  const today = chinaToday(input.now);
  const dayBack = (n: number) => addWorkingDays(calendar, today, -n);

  async function create(seed: RequestSeed, data: Partial<Prisma.DisclosureRequestUncheckedCreateInput>) {
    const receivedOn = dayBack(seed.receivedBack);
    const receivedAt = at(receivedOn);
    const request = await tx.disclosureRequest.create({
      data: {
        siteId: input.siteId,
        unitId: input.unitId,
        trackingCode: newQueryCode(receivedAt),
        passwordHash: await hashLetterPassword(newLetterPassword()),
        ...seed.applicant,
        infoTitle: seed.infoTitle,
        infoNumber: seed.infoNumber ?? null,
        infoDescription: seed.infoDescription,
        mediumWanted: seed.mediumWanted,
        deliveryWanted: seed.deliveryWanted,
        receiptChannel: "ONLINE",
        arrivedAt: receivedAt,
        receivedAt,
        clockStart: receivedAt,
        dueAt: receivedAt,
        clock: {},
        nextAlertAt: input.now,
        ...data,
      },
    });
    await tx.disclosureEvent.create({
      data: { requestId: request.id, kind: "SUBMITTED", at: receivedAt, data: { channel: "ONLINE" } },
    });
    return { request, receivedOn, receivedAt };
  }

  async function setClock(requestId: string, facts: Parameters<typeof computeClock>[1]) {
    const { dueAt, derivation } = computeClock(calendar, facts);
    await tx.disclosureRequest.update({
      where: { id: requestId },
      data: { dueAt, clock: derivation, clockStart: at(derivation.start, "00:00") },
    });
  }

  async function event(
    requestId: string,
    kind: DisclosureEventKind,
    day: string,
    note?: string,
    actorId = actors.officer,
  ) {
    await tx.disclosureEvent.create({ data: { requestId, kind, at: at(day, "15:00"), actorId, note: note ?? null } });
  }

  return { tx, input, actors, calendar, today, dayBack, create, setClock, event };
}

export type RequestSeeder = Awaited<ReturnType<typeof makeRequestSeeder>>;
