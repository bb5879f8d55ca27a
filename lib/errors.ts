// Domain errors carry a code; users see the message of an expected error and a generic one
// otherwise, never a stack (STYLE.md 8).

export type ErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "INVALID";

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
    /** Structured facts a form can show (e.g. what a conflicting save changed). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const unauthenticated = () => new DomainError("UNAUTHENTICATED", "请先登录。");
export const forbidden = (message = "您没有执行此操作的权限。") => new DomainError("FORBIDDEN", message);
/** Also what a caller gets for a record it may not see: existence is not disclosed. */
export const notFound = (message = "未找到该记录，或您无权查看。") => new DomainError("NOT_FOUND", message);
export const conflict = (message: string, details?: unknown) => new DomainError("CONFLICT", message, {}, details);
export const invalid = (message: string, fieldErrors: Record<string, string[]> = {}) =>
  new DomainError("INVALID", message, fieldErrors);

/** Maps Prisma's known request errors to domain errors; anything else is rethrown. */
export function fromPrismaError(error: unknown, messages: { conflict?: string } = {}): never {
  const code = (error as { code?: string } | null)?.code;
  if (code === "P2002") throw conflict(messages.conflict ?? "该记录已存在。");
  if (code === "P2025") throw notFound();
  throw error;
}

export type ActionResult<T = undefined> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]>; details?: unknown };

/** Turns an error into what a form may show; unexpected errors become a generic message. */
export function toActionError(error: unknown): {
  ok: false;
  message: string;
  fieldErrors?: Record<string, string[]>;
  details?: unknown;
} {
  // Next.js signals redirect()/notFound() by throwing; those must pass through.
  if (String((error as { digest?: unknown } | null)?.digest ?? "").startsWith("NEXT_")) throw error;
  if (error instanceof DomainError) {
    return { ok: false, message: error.message, fieldErrors: error.fieldErrors, details: error.details };
  }
  console.error(error);
  return { ok: false, message: "系统繁忙，请稍后再试。" };
}

/** The HTTP status of a domain error, for route handlers. */
export function httpStatusOf(error: DomainError): number {
  return { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, INVALID: 400 }[error.code];
}
