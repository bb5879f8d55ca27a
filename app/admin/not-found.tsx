// 404 inside the back office (a record that does not exist): kept in the console's own frame.
import Link from "next/link";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;

export default function AdminNotFound() {
  return (
    <div className="not-found">
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <p>
        <Link href="/admin">{messages.admin.backToDashboard}</Link>
      </p>
    </div>
  );
}
