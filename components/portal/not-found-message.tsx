import Link from "next/link";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;

/** The Chinese 404 message, inside the site's frame or alone. */
export function NotFoundMessage() {
  return (
    <div className="not-found">
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <p>
        <Link href="/">{t.backHome}</Link>
      </p>
    </div>
  );
}
