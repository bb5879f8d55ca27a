import { clockStatus, takenStatus } from "@/lib/reports/reprint/clock";

// The 转载 figures of a set of queue items at `now` (the queue page and the monitor use the same):
// a reprint counts as done when it is published on the site (转载时间); until then it is waiting,
// whether or not an editor has already taken it into review. Pure.

export type FigureItem = {
  state: "PENDING" | "TAKEN" | "IGNORED";
  dueAt: Date;
  deadlineAt: Date;
  publishedAt: Date | null;
};

export type ReprintFigures = {
  waiting: number;
  pastHour: number;
  pastDeadline: number;
  onTime: number;
  late: number;
  ignored: number;
};

/** Where one item stands: done on time / late, ignored, or waiting (within the hour, past it, past the day). */
export function itemStanding(item: FigureItem, now: Date) {
  if (item.state === "IGNORED") return "IGNORED" as const;
  if (item.publishedAt)
    return takenStatus(item, item.publishedAt) === "ON_TIME" ? ("ON_TIME" as const) : ("LATE" as const);
  return clockStatus(item, now);
}

export function reprintFigures(items: FigureItem[], now: Date): ReprintFigures {
  const figures: ReprintFigures = { waiting: 0, pastHour: 0, pastDeadline: 0, onTime: 0, late: 0, ignored: 0 };
  for (const item of items) {
    const standing = itemStanding(item, now);
    if (standing === "IGNORED") figures.ignored += 1;
    else if (standing === "ON_TIME") figures.onTime += 1;
    else if (standing === "LATE") figures.late += 1;
    else {
      figures.waiting += 1;
      if (standing === "PAST_HOUR") figures.pastHour += 1;
      if (standing === "PAST_DEADLINE") {
        figures.pastHour += 1;
        figures.pastDeadline += 1;
      }
    }
  }
  return figures;
}
