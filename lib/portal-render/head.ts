import type { Metadata } from "next";

// The <head> of a page the portal renderer answers, built from the same Metadata object the
// Next.js route's generateMetadata returns (lib/sites/meta.ts portalMetadata), with the tags in the
// order Next.js writes them (next/dist/lib/metadata/metadata-elements.js): title, description,
// robots, other, canonical, Open Graph, Twitter (inherited from Open Graph), icons. Metadata
// holding anything else is not this renderer's: headHtml returns null and Next.js renders the page.

/** The keys of Metadata this builder writes; a page whose metadata has others falls back to Next.js. */
const KNOWN = new Set(["title", "description", "alternates", "openGraph", "robots", "other", "icons"]);

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#x27;",
  );
}

const meta = (key: "name" | "property", name: string, content: unknown) =>
  content === undefined || content === null || content === ""
    ? ""
    : `<meta ${key}="${escapeHtml(name)}" content="${escapeHtml(String(content))}"/>`;

type OgImage = { url: string | URL; width?: number | string; height?: number | string; alt?: string };
type OpenGraphInput = {
  title?: string;
  description?: string;
  url?: string | URL;
  siteName?: string;
  locale?: string;
  type?: string;
  publishedTime?: string;
  modifiedTime?: string;
  images?: OgImage[];
};

function robotsContent(robots: Metadata["robots"]): string | null {
  if (robots === undefined || robots === null) return null;
  if (typeof robots === "string") return robots;
  const keys = Object.keys(robots);
  if (keys.some((key) => key !== "index" && key !== "follow")) return null;
  const parts: string[] = [];
  if (robots.index !== undefined) parts.push(robots.index ? "index" : "noindex");
  if (robots.follow !== undefined) parts.push(robots.follow ? "follow" : "nofollow");
  return parts.join(", ");
}

/** Head tags for `metadata`, or null when it holds what this builder does not write. */
export function metadataHead(metadata: Metadata): string | null {
  if (Object.keys(metadata).some((key) => !KNOWN.has(key))) return null;
  const title = metadata.title;
  if (title !== undefined && typeof title !== "string") return null;
  const out: string[] = [];
  if (title) out.push(`<title>${escapeHtml(title)}</title>`);
  if (metadata.description) out.push(meta("name", "description", metadata.description));
  if (metadata.robots !== undefined) {
    const robots = robotsContent(metadata.robots);
    if (robots === null) return null;
    if (robots) out.push(meta("name", "robots", robots));
  }
  for (const [name, value] of Object.entries(metadata.other ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) out.push(meta("name", name, item));
  }
  const alternates = metadata.alternates;
  if (alternates) {
    if (Object.keys(alternates).some((key) => key !== "canonical" && key !== "types")) return null;
    const canonical = alternates.canonical;
    if (canonical !== undefined && canonical !== null) {
      if (typeof canonical !== "string" && !(canonical instanceof URL)) return null;
      out.push(`<link rel="canonical" href="${escapeHtml(String(canonical))}"/>`);
    }
    for (const [type, descriptors] of Object.entries(alternates.types ?? {})) {
      const list = typeof descriptors === "string" || descriptors instanceof URL ? [{ url: descriptors }] : descriptors;
      for (const descriptor of list ?? []) {
        const title = "title" in descriptor && descriptor.title ? ` title="${escapeHtml(descriptor.title)}"` : "";
        out.push(
          `<link rel="alternate" type="${escapeHtml(type)}" href="${escapeHtml(descriptor.url.toString())}"${title}/>`,
        );
      }
    }
  }
  const og = metadata.openGraph as OpenGraphInput | undefined | null;
  if (og) {
    const known = [
      "title",
      "description",
      "url",
      "siteName",
      "locale",
      "type",
      "publishedTime",
      "modifiedTime",
      "images",
    ];
    if (Object.keys(og).some((key) => !known.includes(key))) return null;
    if (og.type !== undefined && og.type !== "article" && og.type !== "website") return null;
    out.push(meta("property", "og:title", og.title));
    out.push(meta("property", "og:description", og.description));
    out.push(meta("property", "og:url", og.url?.toString()));
    out.push(meta("property", "og:site_name", og.siteName));
    out.push(meta("property", "og:locale", og.locale));
    for (const image of og.images ?? []) {
      out.push(meta("property", "og:image", image.url.toString()));
      out.push(meta("property", "og:image:width", image.width));
      out.push(meta("property", "og:image:height", image.height));
      out.push(meta("property", "og:image:alt", image.alt));
    }
    if (og.type) out.push(meta("property", "og:type", og.type));
    if (og.type === "article") {
      out.push(meta("property", "article:published_time", og.publishedTime));
      out.push(meta("property", "article:modified_time", og.modifiedTime));
    }
    // Next.js gives Twitter the Open Graph title, description and images when it has none of its own.
    const images = og.images ?? [];
    out.push(meta("name", "twitter:card", images.length ? "summary_large_image" : "summary"));
    out.push(meta("name", "twitter:title", og.title));
    out.push(meta("name", "twitter:description", og.description));
    for (const image of images) {
      out.push(meta("name", "twitter:image", image.url.toString()));
      out.push(meta("name", "twitter:image:alt", image.alt));
      out.push(meta("name", "twitter:image:width", image.width));
      out.push(meta("name", "twitter:image:height", image.height));
    }
  }
  const icons = metadata.icons;
  if (icons) {
    if (typeof icons !== "object" || Array.isArray(icons) || icons instanceof URL) return null;
    if (Object.keys(icons).some((key) => key !== "icon")) return null;
    const list = Array.isArray(icons.icon) ? icons.icon : icons.icon ? [icons.icon] : [];
    for (const icon of list) {
      if (typeof icon === "string" || icon instanceof URL) {
        out.push(`<link rel="icon" href="${escapeHtml(icon.toString())}"/>`);
        continue;
      }
      const extra = Object.keys(icon).filter((key) => key !== "url" && key !== "sizes");
      if (extra.length) return null;
      const sizes = icon.sizes ? ` sizes="${escapeHtml(icon.sizes)}"` : "";
      out.push(`<link rel="icon" href="${escapeHtml(icon.url.toString())}"${sizes}/>`);
    }
  }
  return out.join("");
}
