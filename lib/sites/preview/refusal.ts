import { messages } from "@/lib/i18n/zh-CN";
import { verifyPreviewToken } from "@/lib/sites/preview/token";

// The answer to a preview link that can never open (proxy.ts): an expired link 403, a malformed
// or altered one 404, each with a page that says which and what to do, before any session, database
// or render work. A link that passes still goes through every check of openPreview.

const t = messages.preview;

export type PreviewRefusal = { status: 403 | 404; title: string; body: string };

export function previewLinkRefusal(token: string, now = new Date()): PreviewRefusal | null {
  const check = verifyPreviewToken(token, now);
  if (check.ok) return null;
  return check.reason === "expired"
    ? { status: 403, title: t.expiredTitle, body: t.expiredBody }
    : { status: 404, title: t.invalidTitle, body: t.invalidBody };
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A small self-contained page (no script, no stylesheet) for the refusal. */
export function previewRefusalHtml(refusal: PreviewRefusal): string {
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(refusal.title)}</title></head>` +
    `<body style="font-family: sans-serif; text-align: center; padding: 4rem 1rem">` +
    `<main><h1>${escape(refusal.title)}</h1><p>${escape(refusal.body)}</p>` +
    `<p><a href="/admin">${escape(messages.admin.backToDashboard)}</a></p></main></body></html>`
  );
}
