import { getDb } from "@/lib/db/client";
import { findSiteByHost } from "@/lib/sites/portal";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import { ZSearchParams } from "@/lib/search/query";
import { PostgresEngine } from "@/lib/search/postgres/engine";
import { searchReader } from "@/lib/search/postgres/reader";
import type { SearchDoc } from "@/lib/search/documents";
import { searchPortal } from "@/lib/search/search-portal";
import type { Actor } from "@/lib/auth/session";

// Searching the seeded district site, publishing through review, and writing test documents
// straight into the index, for the search tests (search*.integration.test.ts).

export const title = (pieces: { text: string }[]) => pieces.map((piece) => piece.text).join("");

/** A test article placed on `siteId`, published at `publishedAt`. */
export function testDoc(id: string, title: string, body: string, siteIds: string[], publishedAt: Date): SearchDoc {
  return {
    id,
    publicationId: null,
    type: "CONTENT",
    kind: "ARTICLE",
    title,
    summary: "",
    body,
    url: `/${id}`,
    unitId: null,
    unitName: "试验单位",
    year: publishedAt.getUTCFullYear(),
    validity: null,
    themeCode: null,
    genre: null,
    docNumber: null,
    siteIds,
    columnIds: [],
    publishedAt,
    validFrom: null,
    validTo: null,
  };
}

/** The live generation and its common lexemes, the seeded district site, and another site. */
export async function liveIndexAndSites() {
  const db = getDb();
  const { live, common } = await db.searchIndexState.findUniqueOrThrow({ where: { engine: "postgres" } });
  const site = (await findSiteByHost("localhost"))!;
  const other = (await db.site.findFirstOrThrow({ where: { id: { not: site.id } } })).id;
  return { db, live, common, site, other };
}

/** The PostgreSQL engine, recording the parameters of each search statement it runs. */
export function recordingEngine(): { engine: PostgresEngine; statements: unknown[][] } {
  const read = searchReader();
  const statements: unknown[][] = [];
  const engine = new PostgresEngine((text, values) => {
    if (text.startsWith("with matches")) statements.push(values);
    return read(text, values);
  });
  return { engine, statements };
}

export async function search(q: string, host = "localhost") {
  const site = (await findSiteByHost(host))!;
  return searchPortal(ZSearchParams.parse({ q }), {
    siteId: site.id,
    hrefFor: async (_siteId, path) => path,
    engine: new PostgresEngine(),
  });
}

export async function publish(
  editor: Actor,
  reviewer: Actor,
  deputy: Actor,
  text: { title: string; body: string },
  resourceId?: string,
) {
  const organization = await getDb().organization.findFirstOrThrow({ where: { name: "区政府办公室政务公开科" } });
  const district = (await findSiteByHost("localhost"))!;
  const column = district.columns.find((candidate) => candidate.slug === "ywdt")!;
  const resource = resourceId
    ? { id: resourceId }
    : await createResource(editor, { kind: "ARTICLE", ownerOrgId: organization.id });
  const version = (await getDb().resource.findUniqueOrThrow({ where: { id: resource.id } })).version;
  const { revision } = await saveRevision(editor, {
    resourceId: resource.id,
    baseVersion: version,
    title: text.title,
    body: blocksToDoc([{ type: "paragraph", text: text.body }]),
    metadata: { source: { type: "original" } },
  });
  const instance = await submitForReview(editor, {
    resourceId: resource.id,
    baseVersion: revision.number,
    publishMode: "ON_APPROVAL",
    columnIds: [column.id],
    ...(resourceId ? { correctionNote: "更正标题。" } : {}),
  });
  for (const check of ["politics", "law", "policy", "secrecy", "wording"])
    await signOff(reviewer, {
      instanceId: instance.id,
      stagePosition: 0,
      check,
      decision: "APPROVE",
      contentHash: instance.contentHash,
    });
  await signOff(deputy, {
    instanceId: instance.id,
    stagePosition: 1,
    decision: "APPROVE",
    contentHash: instance.contentHash,
  });
  return resource.id;
}
