// GET /search?q=… – public search on every site: this site or the whole platform, facets,
// relevance or date order, highlighted matches, synonyms, 您是不是要找 when nothing matches.
// The page is components/portal/routes/search-route.tsx, which the portal server's own renderer
// (lib/portal-render) also serves; Next.js renders it when that renderer declines.
import type { Metadata } from "next";
import { SearchRoute, firstValues, searchMetadata } from "@/components/portal/routes/search-route";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return searchMetadata();
}

export default async function SearchPage({ searchParams }: Props) {
  return <SearchRoute query={firstValues(await searchParams)} />;
}
