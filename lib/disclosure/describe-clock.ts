import { formatChineseDay } from "@/lib/time/china";
import { disclosureMessages } from "@/lib/i18n/zh-CN-disclosure";
import type { ClockDerivation } from "@/lib/disclosure/clock";
import type { DisclosureReceiptChannel } from "@/lib/db/generated/enums";

// A due date's derivation in words, the same for the office's page and the applicant's: receipt,
// restart after 补正, working days counted with the extension, every pause with its reason and
// length, the days off skipped and the 调休上班日 counted (DESIGN invariant 11).

const t = disclosureMessages.clock;
const short = (day: string) => day.slice(5);

export function describeClock(derivation: ClockDerivation, channel: DisclosureReceiptChannel): string {
  const parts = [t.received(formatChineseDay(derivation.receivedOn), disclosureMessages.channels[channel])];
  if (derivation.restartedBy)
    parts.push(
      t.restarted(
        formatChineseDay(derivation.restartedBy.requestedOn),
        formatChineseDay(derivation.restartedBy.correctedOn),
      ),
    );
  if (derivation.waitingForCorrection) parts.push(t.waitingCorrection);
  parts.push(t.counted(derivation.workingDays, derivation.extendedDays));
  for (const pause of derivation.pauses)
    parts.push(
      t.pause(
        `${disclosureMessages.pauseKinds[pause.kind]}（${pause.reason}）`,
        formatChineseDay(pause.from),
        formatChineseDay(pause.to),
        pause.workingDays,
        pause.open,
      ),
    );
  if (derivation.skipped.length)
    parts.push(t.skipped(derivation.skipped.map((day) => `${short(day.date)}（${day.reason}）`).join("、")));
  if (derivation.workedWeekendDays.length) parts.push(t.worked(derivation.workedWeekendDays.map(short).join("、")));
  parts.push(t.due(formatChineseDay(derivation.due)));
  return parts.join("");
}
