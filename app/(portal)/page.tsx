// GET / – the portal home of the site chosen by the Host header: the blocks its administrator published.
// The page is components/portal/routes/home-route.tsx, which the portal server's own renderer
// (lib/portal-render) also serves; Next.js renders it when that renderer declines.
import type { Metadata } from "next";
import { HomeRoute, homeMetadata } from "@/components/portal/routes/home-route";

export async function generateMetadata(): Promise<Metadata> {
  return homeMetadata();
}

export default async function PortalHomePage() {
  return <HomeRoute />;
}
