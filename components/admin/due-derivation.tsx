import { formatChineseDate } from "@/lib/format";

// How a due date was computed (DESIGN invariant 11): from which day, how many working days or
// hours (with the working days added by approved extensions), which days were skipped and which
// weekend days counted as 调休上班日.

export type Derivation = {
  start: string;
  workingDays?: number;
  extendedDays?: number;
  hours?: number;
  due: string;
  skipped: { date: string; reason: string }[];
  workedWeekendDays: string[];
};

export function DueDerivation({ derivation }: { derivation: Derivation }) {
  const skipped = derivation.skipped.map((day) => `${day.date.slice(5)}（${day.reason}）`).join("、");
  return (
    <span className="due-derivation">
      {derivation.hours
        ? `：自 ${formatChineseDate(derivation.start)} 收到起 ${derivation.hours} 小时`
        : `：自 ${formatChineseDate(derivation.start)} 次日起算 ${derivation.workingDays} 个工作日${derivation.extendedDays ? `（含批准延期 ${derivation.extendedDays} 个工作日）` : ""}，至 ${formatChineseDate(derivation.due)}`}
      {skipped ? `；跳过 ${skipped}` : ""}
      {derivation.workedWeekendDays.length
        ? `；计入调休上班日 ${derivation.workedWeekendDays.map((day) => day.slice(5)).join("、")}`
        : ""}
    </span>
  );
}
