/** Only same-site admin paths may be returned to after sign-in (no open redirect). */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== "string") return "/admin";
  return /^\/admin(\/[\w\-/.?=&%]*)?$/.test(value) && !value.startsWith("//") && !value.includes("..")
    ? value
    : "/admin";
}
