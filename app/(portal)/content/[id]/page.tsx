// GET /content/:resourceId – a published item as the current site shows it (or its withdrawal notice).
// The page is components/portal/routes/content-route.tsx, which the portal server's own renderer
// (lib/portal-render) also serves; Next.js renders it when that renderer declines.
import type { Metadata } from "next";
import { ContentRoute, contentMetadata, type ContentParams } from "@/components/portal/routes/content-route";

type Props = { params: Promise<ContentParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return contentMetadata(await params);
}

export default async function ContentPage({ params }: Props) {
  return <ContentRoute params={await params} />;
}
