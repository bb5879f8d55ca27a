// The not-found boundary Next.js renders into every page's payload, in case the page calls
// notFound(): the message alone. A visitor never sees it on a public page: the portal server
// answers a page's 404 with the site's own 404 page, in the site's frame (lib/sites/site-not-found.ts,
// app/(portal)/site-not-found/page.tsx); the back office shows it as it is.
import { NotFoundMessage } from "@/components/portal/not-found-message";
import { messages } from "@/lib/i18n/zh-CN";

export const metadata = { title: messages.portal.notFoundTitle };

export default function NotFound() {
  return (
    <main id="main" className="container">
      <NotFoundMessage />
    </main>
  );
}
