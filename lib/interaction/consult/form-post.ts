import { DomainError, httpStatusOf } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";

// The public forms of an activity post without JavaScript: a browser's form post is answered with
// a redirect back to the activity's page, carrying a short code the page turns into its notice
// (never a message from the address, so nobody can make the page say something it does not say);
// a script asking for JSON gets JSON with every field's error.

const ERRORS = messages.consult.public.errors;
export type NoticeCode = "answered" | "commented" | "sent" | keyof typeof ERRORS;
export const NOTICE_CODES = ["answered", "commented", "sent", ...Object.keys(ERRORS)] as NoticeCode[];

/** Where a notice is shown: the activity's page, at the notice. */
export function pageWithNotice(consultationId: string, code: NoticeCode): string {
  const key = code === "answered" || code === "commented" || code === "sent" ? "done" : "error";
  return `/interaction/consultations/${consultationId}?${key}=${code}#notice`;
}

/** Whether the request is a browser's form post (it accepts HTML), not a script's. */
export function isFormPost(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes("text/html");
}

/** The notice code of a refusal: its known message, else "invalid" for bad input. */
export function noticeOf(error: DomainError, fallback: NoticeCode = "invalid"): NoticeCode {
  const known = (Object.keys(ERRORS) as (keyof typeof ERRORS)[]).find((code) => ERRORS[code] === error.message);
  return known ?? fallback;
}

export function redirectTo(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store", ...headers } });
}

/** A refusal, as the client asked for it. Unexpected errors are left to handleRoute. */
export function refusal(request: Request, consultationId: string, error: unknown, fallback?: NoticeCode): Response {
  if (!(error instanceof DomainError)) throw error;
  if (isFormPost(request)) {
    if (error.code === "NOT_FOUND") return redirectTo("/interaction/consultations");
    return redirectTo(pageWithNotice(consultationId, noticeOf(error, fallback)));
  }
  return Response.json(
    { error: error.message, fieldErrors: error.fieldErrors },
    { status: httpStatusOf(error), headers: { "cache-control": "no-store" } },
  );
}

/** The posted form as lists of values per field (checkbox groups post one name many times). */
export async function readFormLists(request: Request, maxFields = 200): Promise<Record<string, string[]>> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new DomainError("INVALID", "提交的数据格式不正确，请刷新页面后重试。");
  }
  const lists: Record<string, string[]> = {};
  let count = 0;
  for (const [field, value] of form.entries()) {
    if (typeof value !== "string" || ++count > maxFields) continue;
    (lists[field] ??= []).push(value.slice(0, 10_000));
  }
  return lists;
}
