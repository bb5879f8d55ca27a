// The cache tag of the pages that list a site's message types: the home page's 政民互动 block, the
// 政民互动 column's entry and the letter form. The type editor purges exactly these.

export const interactionTypesTag = (siteId: string) => `interaction-types:${siteId}`;
