// 403 for a draft preview the signed-in person may not open (not an editor or reviewer of the item).
import Link from "next/link";
import { messages } from "@/lib/i18n/zh-CN";
import { PREVIEW_REFUSED } from "@/lib/sites/preview/access";

export default function PreviewForbidden() {
  return (
    <main id="main" className="container" style={{ textAlign: "center", padding: "4rem 1rem" }}>
      <h1>无法打开预览</h1>
      <p>{PREVIEW_REFUSED}如需查看，请联系稿件所属单位的编辑。</p>
      <p>
        <Link href="/admin">{messages.admin.backToDashboard}</Link>
      </p>
    </main>
  );
}
