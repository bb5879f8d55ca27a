import { z } from "zod";
import { invalid } from "@/lib/errors";

/**
 * The one conversion from a zod schema to a domain error, used at every use-case boundary: valid
 * input comes back typed; invalid input throws INVALID whose message is the first problem (what a
 * form shows at the top) and whose field errors are every problem per field, as `z.flattenError`
 * gives them. Problems of the whole input (no path) go under the key "" so none is lost.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, message?: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const flat = z.flattenError(parsed.error);
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(flat.fieldErrors as Record<string, string[] | undefined>)) {
    if (messages && messages.length > 0) fieldErrors[field] = messages;
  }
  if (flat.formErrors.length > 0) fieldErrors[""] = flat.formErrors;
  throw invalid(message ?? parsed.error.issues[0]?.message ?? "请检查填写的内容。", fieldErrors);
}

/**
 * parseInput for forms whose fields are named by nested paths (`stages.0.name`,
 * `metadata.policy.docNumber`): field errors are keyed by each problem's whole dotted path, after
 * `prefix`, so each one lands beside its own field. `message` may build the headline from the
 * first problem.
 */
export function parseNestedInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: { prefix?: string; message?: string | ((first: string) => string) } = {},
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues)
    (fieldErrors[(options.prefix ?? "") + issue.path.join(".")] ??= []).push(issue.message);
  const first = parsed.error.issues[0]?.message ?? "请检查填写的内容。";
  const { message } = options;
  throw invalid(typeof message === "function" ? message(first) : (message ?? first), fieldErrors);
}
