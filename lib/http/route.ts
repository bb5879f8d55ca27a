import { headers } from "next/headers";
import { getRequestContext } from "@/lib/auth/client-ip";
import { DomainError, httpStatusOf } from "@/lib/errors";
import { withOrgTreeScope } from "@/lib/org/tree";

// Route-layer glue for route handlers (app/**/route.ts), as runAction is for server actions:
// the handler body parses, calls one lib use case and builds its Response; this turns what it
// throws into an answer (STYLE.md 8, DESIGN.md invariant 8).

/** Who sent this request (client address, user agent), for the audit record. */
export async function requestContext() {
  return getRequestContext(await headers());
}

export const UNEXPECTED_ERROR_MESSAGE = "系统繁忙，请稍后再试。";

type RouteOptions = {
  /** How errors are answered: `{ error }` JSON (the default) or plain text. */
  format?: "json" | "text";
  /** The message of an expected error, when the route words it itself (e.g. hides which refusal it was). */
  messageOf?: (error: DomainError) => string;
  /** The message of an unexpected error; the error itself goes to the server log only. */
  unexpected?: string;
};

function answer(status: number, message: string, format: "json" | "text"): Response {
  return format === "json"
    ? Response.json({ error: message }, { status })
    : new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/**
 * Runs a route handler body as one request (one org tree for all its permission checks). A domain
 * error becomes its HTTP status with its Chinese message; anything else is logged and answered
 * 500 with a generic message, never a stack.
 */
export async function handleRoute(work: () => Promise<Response>, options: RouteOptions = {}): Promise<Response> {
  const format = options.format ?? "json";
  try {
    return await withOrgTreeScope(work);
  } catch (error) {
    // Next.js signals redirect()/notFound() by throwing; those must pass through.
    if (String((error as { digest?: unknown } | null)?.digest ?? "").startsWith("NEXT_")) throw error;
    if (error instanceof DomainError)
      return answer(httpStatusOf(error), options.messageOf?.(error) ?? error.message, format);
    console.error(error);
    return answer(500, options.unexpected ?? UNEXPECTED_ERROR_MESSAGE, format);
  }
}
