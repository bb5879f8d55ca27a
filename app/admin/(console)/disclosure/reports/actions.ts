"use server";

import type { ActionResult } from "@/lib/errors";
import { saveReportEntry, saveReportTexts } from "@/lib/disclosure/report-entry";
import { draftReport } from "@/lib/disclosure/report-draft";
import { overrideRequestCell } from "@/lib/disclosure/override-report-cell";
import { formSteps } from "../../guard";

// The steps of /admin/disclosure/reports/:orgId/:year: each parses in its use case, which checks
// the actor, the report's state and the version the form was rendered with.

type Result = Promise<ActionResult<unknown>>;

const step = formSteps("/admin/disclosure/reports");
const entry = step(saveReportEntry, "已保存填报数据。");
const texts = step(saveReportTexts, "已保存文字部分。");
const override = step(overrideRequestCell, "已保存表三的修改。");
const draft = step(draftReport, "已生成年报并提交审核，审核通过后发布到政府信息公开年报栏目。");

export async function saveReportEntryAction(_: unknown, formData: FormData): Result {
  return entry(formData);
}
export async function saveReportTextsAction(_: unknown, formData: FormData): Result {
  return texts(formData);
}
export async function draftReportAction(_: unknown, formData: FormData): Result {
  return draft(formData);
}
export async function overrideRequestCellAction(_: unknown, formData: FormData): Result {
  return override(formData);
}
