import { invalid } from "@/lib/errors";

/** The named string fields of a posted form (multipart or urlencoded); anything else is a Chinese 400. */
export async function readForm(request: Request, fields: readonly string[]): Promise<Record<string, string>> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw invalid("提交的数据格式不正确，请刷新页面后重试。");
  }
  const input: Record<string, string> = {};
  for (const field of fields) {
    const value = form.get(field);
    if (typeof value === "string") input[field] = value;
  }
  return input;
}
