import {
  addCalendarDays,
  addWorkingDays,
  isWorkingDay,
  workingDaysBetween,
  type WorkCalendar,
} from "@/lib/calendar/working-days";
import { chinaDay } from "@/lib/calendar/working-days";
import { chinaDayEnd } from "@/lib/time/china";
import type { DisclosurePauseKind, DisclosureReceiptChannel } from "@/lib/db/generated/enums";

// The answer clock of a 政府信息公开申请, and how it was reached (DESIGN invariant 11). Pure: the
// calendar and the request's facts are passed in, so a holiday added later recounts every open
// clock from the same facts (lib/disclosure/recompute-clocks.ts).
//
// 《政府信息公开条例》第三十三条: answer within 20 working days of receipt; 延期 with the office
// head's approval, at most 20 more. The day of receipt is not counted (期间开始之日不计算在内): day 1
// is the next working day. 第三十条: after a 补正 notice the period runs anew from receipt of the
// corrected request (a restart, not a pause). 第三十三条第二款: time spent consulting third
// parties (第三十二条) and other agencies is not counted; 国办函〔2020〕109号 [I]: nor is the time
// from a fee notice to payment. A pause runs from the day its notice went out (that day still
// counts) to the day the answer or payment came (that day does not): its length is the working
// days after its first day up to and including its last. Overlapping pauses count once.

/** 条例第三十三条第一款 */
export const ANSWER_WORKING_DAYS = 20;
/** 条例第三十三条第一款: 延长的期限最长不得超过20个工作日 */
export const MAX_EXTENSION_WORKING_DAYS = 20;
/** 条例第三十条: 补正 is asked for once, within 7 working days of receipt. */
export const CORRECTION_NOTICE_WORKING_DAYS = 7;
/** 条例第三十二条: the third party answers within 15 working days; 第三十四条 other agencies too. */
export const CONSULTATION_WORKING_DAYS = 15;
/** [I] 国办函〔2020〕109号 as read in the domain notes: payment within 20 working days of the notice. */
export const FEE_PAYMENT_WORKING_DAYS = 20;
/** Warn this many working days before the due date (issue #27). */
export const WARNING_WORKING_DAYS = 5;

export type ClockPause = {
  kind: DisclosurePauseKind;
  reason: string;
  /** China day the consultation or fee notice went out. */
  from: string;
  /** China day the answer or payment came; for an open pause, its limit (it may end sooner). */
  to: string;
  open: boolean;
};

export type ClockFacts = {
  /** China day of the receipt date (条例第三十一条). */
  receivedOn: string;
  /** 补正: the day the notice went out and the day the corrected request was received. */
  correction?: { requestedOn: string; correctedOn: string | null } | null;
  pauses: ClockPause[];
  /** Working days added by approved 延期 (≤ 20 in all). */
  extendedDays: number;
};

export type PauseLength = ClockPause & { workingDays: number };

export type ClockDerivation = {
  receivedOn: string;
  /** The China day counting starts after: receipt, or receipt of the corrected request. */
  start: string;
  restartedBy: { requestedOn: string; correctedOn: string } | null;
  /** While 待补正: the clock waits for the corrected request. */
  waitingForCorrection: boolean;
  workingDays: number;
  extendedDays: number;
  pauses: PauseLength[];
  /** Working days not counted in all (overlaps once). */
  pausedDays: number;
  due: string;
  /** Days off between start and due, by name (法定节假日) or 周末. */
  skipped: { date: string; reason: string }[];
  /** Weekend days counted because they are 调休上班日. */
  workedWeekendDays: string[];
};

function pausedSet(calendar: WorkCalendar, pauses: ClockPause[], start: string): Set<string> {
  const days = new Set<string>();
  for (const pause of pauses) {
    const from = pause.from < start ? start : pause.from;
    for (let day = addCalendarDays(from, 1); day <= pause.to; day = addCalendarDays(day, 1))
      if (isWorkingDay(calendar, day)) days.add(day);
  }
  return days;
}

/** The due date and its derivation. */
export function computeClock(calendar: WorkCalendar, facts: ClockFacts): { dueAt: Date; derivation: ClockDerivation } {
  if (
    !Number.isInteger(facts.extendedDays) ||
    facts.extendedDays < 0 ||
    facts.extendedDays > MAX_EXTENSION_WORKING_DAYS
  )
    throw new RangeError(`extension must be 0–${MAX_EXTENSION_WORKING_DAYS} working days`);
  const corrected = facts.correction?.correctedOn ?? null;
  const waitingForCorrection = Boolean(facts.correction && !corrected);
  const start = corrected ?? facts.receivedOn;
  // Pauses before a restart belong to the abandoned count.
  const pauses = facts.pauses.filter((pause) => pause.to > start);
  const paused = pausedSet(calendar, pauses, start);
  const workingDays = ANSWER_WORKING_DAYS + facts.extendedDays;
  let counted = 0;
  let day = start;
  const skipped: { date: string; reason: string }[] = [];
  const workedWeekendDays: string[] = [];
  let guard = 0;
  while (counted < workingDays) {
    day = addCalendarDays(day, 1);
    if (++guard > 3660) throw new RangeError("clock does not end within ten years");
    const exception = calendar.exceptions.get(day);
    if (!isWorkingDay(calendar, day)) {
      skipped.push({ date: day, reason: exception?.name ?? "周末" });
      continue;
    }
    if (paused.has(day)) continue;
    if (exception?.kind === "WORKDAY") workedWeekendDays.push(day);
    counted += 1;
  }
  return {
    dueAt: new Date(chinaDayEnd(day).getTime() - 1),
    derivation: {
      receivedOn: facts.receivedOn,
      start,
      restartedBy:
        corrected && facts.correction ? { requestedOn: facts.correction.requestedOn, correctedOn: corrected } : null,
      waitingForCorrection,
      workingDays: ANSWER_WORKING_DAYS,
      extendedDays: facts.extendedDays,
      pauses: pauses.map((pause) => ({
        ...pause,
        workingDays: Math.max(0, workingDaysBetween(calendar, pause.from < start ? start : pause.from, pause.to)),
      })),
      pausedDays: paused.size,
      due: day,
      skipped,
      workedWeekendDays,
    },
  };
}

/** The last day a 补正 notice may go out: 7 working days after receipt (条例第三十条). */
export function correctionNoticeDeadline(calendar: WorkCalendar, receivedOn: string): string {
  return addWorkingDays(calendar, receivedOn, CORRECTION_NOTICE_WORKING_DAYS);
}

/** End (China time) of the working day `n` working days after the China day of `from`. */
export function endOfWorkingDaysAfter(calendar: WorkCalendar, from: Date, n: number): Date {
  return new Date(chinaDayEnd(addWorkingDays(calendar, chinaDay(from), n)).getTime() - 1);
}

/**
 * The receipt date of 条例第三十一条: in person, the day it is handed over (提交之日); by post, the
 * day it is signed for (签收之日), or for an ordinary letter the day the office confirmed it with the
 * applicant; online or by the office's fax, the day both sides confirmed it (双方确认之日). An online
 * request is confirmed by the receipt the system gives at once, so its receipt date is its submission.
 */
export function receiptDate(channel: DisclosureReceiptChannel, arrivedAt: Date, confirmedAt: Date | null): Date {
  if (channel === "IN_PERSON") return arrivedAt;
  if (confirmedAt && confirmedAt.getTime() < arrivedAt.getTime()) throw new RangeError("confirmed before it arrived");
  if (channel === "FAX") {
    if (!confirmedAt) throw new RangeError("a fax is received when both sides confirm it");
    return confirmedAt;
  }
  return confirmedAt ?? arrivedAt;
}
