import { revalidatePath } from "next/cache";
import { forbidden, notFound, redirect } from "next/navigation";
import { getActor, type Actor } from "@/lib/auth/session";
import type { RequestContext } from "@/lib/auth/authenticate";
import { DomainError, invalid, toActionError, unauthenticated, type ActionResult } from "@/lib/errors";
import { requestContext } from "@/lib/http/route";
import { withOrgTreeScope } from "@/lib/org/tree";

export { requestContext };
import { registerSubscribers } from "@/lib/subscribers";

// Every server action passes through this module, so the events of the use cases they run have
// their subscribers in this bundle (lib/subscribers.ts).
registerSubscribers();

// Route-layer glue shared by the back-office pages and actions. The permission checks
// themselves live in lib/ and run inside every lib function.

/** The signed-in actor; pending sign-in obligations send them to their account page first. */
export async function requireActor(options: { allowObligation?: boolean } = {}): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/admin/login");
  if (actor.obligation && !options.allowObligation) redirect("/admin/account");
  return actor;
}

/** A page's query string, as Next passes it to the page. */
export type PageSearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The first value of a query parameter (`?state=a&state=b` reads as `a`). */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** For pages: a refused read renders the 403 page, an invisible record or invalid input the 404 page. */
export async function orPageError<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof DomainError && error.code === "FORBIDDEN") forbidden();
    if (error instanceof DomainError && error.code === "NOT_FOUND") notFound();
    // A page cannot answer 400: a malformed filter or address gets the (Chinese) 404 page.
    if (error instanceof DomainError && error.code === "INVALID") notFound();
    if (error instanceof DomainError && error.code === "UNAUTHENTICATED") redirect("/admin/login");
    throw error;
  }
}

/**
 * Runs a server action body as one request (one org tree for all its permission checks): the
 * session is checked here, lib does the authorization, and errors become messages a form can show.
 */
export async function runAction<T = undefined>(
  work: (actor: Actor, context: Awaited<ReturnType<typeof requestContext>>) => Promise<{ message: string; data?: T }>,
): Promise<ActionResult<T>> {
  try {
    return await withOrgTreeScope(async () => {
      const [actor, context] = await Promise.all([getActor(), requestContext()]);
      if (!actor) throw unauthenticated();
      const result = await work(actor, context);
      return { ok: true as const, ...result };
    });
  } catch (error) {
    return toActionError(error);
  }
}

/** FormData → plain object; repeated names (checkboxes) become arrays. */
export function formObject(formData: FormData, arrays: string[] = []): Record<string, unknown> {
  // Actions are public POST endpoints: a crafted request can send anything in place of the form.
  if (!(formData instanceof FormData)) throw invalid("提交的数据格式不正确，请刷新页面后重试。");
  const result: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    result[key] = arrays.includes(key) ? formData.getAll(key).map(String) : String(formData.get(key));
  }
  for (const key of arrays) result[key] ??= [];
  return result;
}

/** A use case that takes the form as it came (it parses and checks everything itself). */
export type FormStep = (actor: Actor, input: unknown, context: Partial<RequestContext>) => Promise<unknown>;

/**
 * The form steps of one back-office page: each runs its use case on the form as a plain object,
 * then revalidates the pages under `path` and answers `message` for the form to show.
 */
export function formSteps(path: string) {
  return (work: FormStep, message: string) =>
    async (formData: FormData): Promise<ActionResult<unknown>> =>
      runAction(async (actor, context) => {
        await work(actor, formObject(formData), context);
        revalidatePath(path, "layout");
        return { message };
      });
}
