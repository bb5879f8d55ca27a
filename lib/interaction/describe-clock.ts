import { formatChineseDate } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import type { DueDerivation } from "@/lib/interaction/clock";

// A due date's derivation in words, the same for the handler's page and the writer's lookup:
// from which day, how many working days (with those added by approved 延期) or clock hours, which
// days were skipped and which weekend days counted as 调休上班日.

const t = messages.interaction.clock;

export function describeDue(derivation: DueDerivation): string {
  const start = formatChineseDate(derivation.start);
  const skipped = derivation.skipped.map((day) => `${day.date.slice(5)}（${day.reason}）`).join("、");
  const worked = derivation.workedWeekendDays.map((day) => day.slice(5)).join("、");
  return [
    derivation.hours
      ? t.hours(start, derivation.hours)
      : t.workingDays(
          start,
          derivation.workingDays ?? 0,
          derivation.extendedDays ?? 0,
          formatChineseDate(derivation.due),
        ),
    skipped ? t.skipped(skipped) : "",
    worked ? t.workedWeekendDays(worked) : "",
  ].join("");
}
