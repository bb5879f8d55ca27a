import { DomainError, httpStatusOf } from "@/lib/errors";
import { handleRoute, requestContext } from "@/lib/http/route";

// The public multipart forms (a letter, a 政府信息公开申请) are read the same way: the named string
// fields, always with the spam guard's honeypot (`website`) and the solved captcha (`captcha`) the
// use case checks, the non-empty files of one field, and a refusal of bad input answered with
// every field's error (400) so the form can show them all. Malformed bodies get a Chinese 400.

/** A file as a form posted it: its name as sent and its bytes (the use case checks both). */
export type PostedFile = { fileName: string; bytes: Uint8Array };

export type PublicFormSpec = {
  /** The form's own string fields; `website` and `captcha` are always read too. */
  fields: readonly string[];
  /** The field whose files are taken (empty file inputs are left out). */
  fileField: string;
};

export type PublicForm = {
  input: Record<string, string>;
  files: PostedFile[];
  context: Awaited<ReturnType<typeof requestContext>>;
};

/** The honeypot a person leaves empty and the proof-of-work solution (lib/interaction/captcha). */
export const SPAM_GUARD_FIELDS = ["website", "captcha"] as const;

export const MALFORMED_FORM_MESSAGE = "提交的数据格式不正确，请刷新页面后重试。";

/** The fields and files of a posted multipart form; null when the body is not a form. */
export async function readPublicForm(
  request: Request,
  spec: PublicFormSpec,
): Promise<Omit<PublicForm, "context"> | null> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return null;
  }
  const input: Record<string, string> = {};
  for (const field of new Set([...spec.fields, ...SPAM_GUARD_FIELDS])) {
    const value = form.get(field);
    if (typeof value === "string") input[field] = value;
  }
  const files: PostedFile[] = [];
  for (const entry of form.getAll(spec.fileField)) {
    if (typeof entry === "string" || entry.size === 0) continue;
    files.push({ fileName: entry.name, bytes: new Uint8Array(await entry.arrayBuffer()) });
  }
  return { input, files };
}

/**
 * Runs a public form's route: reads the form, hands it with the request context to `submit`, and
 * answers a refusal of bad input with the message and every field's error. Other errors are
 * answered by handleRoute (their status and Chinese message; never a stack).
 */
export async function handlePublicForm(
  request: Request,
  spec: PublicFormSpec,
  submit: (form: PublicForm) => Promise<Response>,
): Promise<Response> {
  return handleRoute(async () => {
    const form = await readPublicForm(request, spec);
    if (!form) return Response.json({ error: MALFORMED_FORM_MESSAGE }, { status: 400 });
    try {
      return await submit({ ...form, context: await requestContext() });
    } catch (error) {
      if (error instanceof DomainError && error.code === "INVALID")
        return Response.json({ error: error.message, fieldErrors: error.fieldErrors }, { status: httpStatusOf(error) });
      throw error;
    }
  });
}
