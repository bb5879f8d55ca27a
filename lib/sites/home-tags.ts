// The cache tag of a site's home page layout: publishing a layout purges exactly the pages that
// show it (the home page), not the rest of the site. What the blocks show carries its own tags
// (columns, resources, the site's listing), named as each block reads it (lib/sites/home-portal.ts).

export const homeTag = (siteId: string) => `home:${siteId}`;
