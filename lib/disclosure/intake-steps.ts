import { getDb } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/permissions";
import { chinaDay } from "@/lib/calendar/working-days";
import { conflict, invalid } from "@/lib/errors";
import { chineseDay } from "@/lib/calendar/working-days";
import { parseInput } from "@/lib/validation/parse";
import { correctionNoticeDeadline, endOfWorkingDaysAfter } from "@/lib/disclosure/clock";
import {
  applyStep,
  assertOnRequest,
  assertState,
  loadWorkCalendar,
  lockRequest,
  type Context,
} from "@/lib/disclosure/guard";
import { findRequestByCredentials } from "@/lib/disclosure/find-request";
import { ZCorrection, ZCorrectionNotice, ZStepInput } from "@/lib/disclosure/schemas";

// Registration and 补正 (条例第三十条): the office registers a request it received; if the request
// is unclear it sends one notice — only one, within 7 working days of receipt — naming what to
// correct and by when. The answer clock then waits; the corrected request restarts it from its own
// receipt. No correction in time = withdrawn (the clock sweep, lib/disclosure/clock-sweep.ts).

/** 登记 */
export async function registerRequest(
  actor: Principal | null,
  input: unknown,
  context: Context = {},
  now = new Date(),
) {
  const form = parseInput(ZStepInput, input);
  return getDb().$transaction(async (tx) => {
    const request = await lockRequest(tx, form.requestId);
    const role = await assertOnRequest(actor, "disclosure.handle", request);
    assertState(request, ["RECEIVED"]);
    return applyStep({
      tx,
      request,
      version: form.version,
      data: { state: "REGISTERED", registeredAt: now, registeredById: actor!.id },
      event: "REGISTERED",
      actor: { id: actor!.id, role },
      context,
    });
  });
}

/** 补正告知: once, within 7 working days of receipt; the clock waits for the corrected request. */
export async function requestCorrection(
  actor: Principal | null,
  input: unknown,
  context: Context = {},
  now = new Date(),
) {
  const form = parseInput(ZCorrectionNotice, input);
  return getDb().$transaction(async (tx) => {
    const request = await lockRequest(tx, form.requestId);
    const role = await assertOnRequest(actor, "disclosure.handle", request);
    assertState(request, ["RECEIVED", "REGISTERED"]);
    if (request.correctionAt) throw conflict("补正告知只能发出一次（《条例》第三十条：一次性告知）。");
    const calendar = await loadWorkCalendar(tx);
    const deadline = correctionNoticeDeadline(calendar, chinaDay(request.receivedAt));
    if (chinaDay(now) > deadline)
      throw conflict(`补正应在收到申请之日起 7 个工作日内一次性告知（至${chineseDay(deadline)}），已超过期限。`);
    const correctionDueAt = endOfWorkingDaysAfter(calendar, now, form.workingDays);
    return applyStep({
      tx,
      request,
      version: form.version,
      data: {
        state: "CORRECTION",
        correctionNotice: form.notice,
        correctionAt: now,
        correctionDueAt,
        ...(request.registeredAt ? {} : { registeredAt: now, registeredById: actor!.id }),
      },
      event: "CORRECTION_REQUESTED",
      note: form.notice,
      eventData: { workingDays: form.workingDays, correctionDueAt: correctionDueAt.toISOString() },
      actor: { id: actor!.id, role },
      context,
      recount: true,
    });
  });
}

/** The applicant's corrected request, with the tracking code and password: the clock restarts today. */
export async function submitCorrection(siteId: string | null, input: unknown, context: Context = {}, now = new Date()) {
  const form = parseInput(ZCorrection, input);
  const found = await findRequestByCredentials(siteId, form, context.ip ?? null);
  return getDb().$transaction(async (tx) => {
    const request = await lockRequest(tx, found.id);
    assertState(request, ["CORRECTION"]);
    if (request.correctionDueAt && now.getTime() > request.correctionDueAt.getTime())
      throw invalid("补正期限已过，本申请视为撤回。如仍需要该信息，请重新提出申请。");
    const updated = await applyStep({
      tx,
      request,
      version: request.version,
      data: { state: "REGISTERED", correctedAt: now, correctionText: form.correctionText },
      event: "CORRECTED",
      note: form.correctionText,
      actor: null,
      context,
      recount: true,
    });
    return { trackingCode: updated.trackingCode, dueAt: updated.dueAt };
  });
}
