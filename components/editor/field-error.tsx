import type { FieldErrors } from "./editor-types";

/** The server's messages for one field (its path, e.g. "metadata.policy.issuer"), beside the field. */
export function FieldError({ errors, name }: { errors: FieldErrors; name: string }) {
  const messages = errors[name];
  return messages?.length ? <span className="field-error">{messages.join(" ")}</span> : null;
}
