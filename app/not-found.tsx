import Link from "next/link";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;

export default function NotFound() {
  return (
    <main id="main" className="container" style={{ textAlign: "center", padding: "4rem 1rem" }}>
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <p>
        <Link href="/">{t.backHome}</Link>
      </p>
    </main>
  );
}
