"use server";

import type { ActionResult } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { saveReportFigure } from "@/lib/reports/website-annual/entry";
import { signReport } from "@/lib/reports/website-annual/sign-off";
import { publishReport } from "@/lib/reports/website-annual/publish";
import { formSteps } from "../guard";

// The steps of /admin/reports/:kind/:subjectId/:period: each parses in its use case, which checks
// the actor, the report's state and the version the form was rendered with.

const t = messages.siteReports;
type Result = Promise<ActionResult<unknown>>;

const step = formSteps("/admin/reports");
const figure = step(saveReportFigure, t.saved);
const sign = step(signReport, t.signedMessage);
const publish = step(publishReport, t.publishedMessage);

export async function saveReportFigureAction(_: unknown, formData: FormData): Result {
  return figure(formData);
}
export async function signReportAction(_: unknown, formData: FormData): Result {
  return sign(formData);
}
export async function publishReportAction(_: unknown, formData: FormData): Result {
  return publish(formData);
}
