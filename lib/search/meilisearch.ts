import { Meilisearch, type Index } from "meilisearch";
import { MAX_HITS, type EngineHit, type EngineQuery, type EngineResult, type SearchEngine } from "@/lib/search/query";
import type { SearchDoc } from "@/lib/search/documents";
import { chinaToday } from "@/lib/time/china";

// The Meilisearch engine (production, when MEILI_URL is set), through the official client. Index
// settings are applied by code (applySettings: at start-up and by the reindex command). A
// rebuild fills `<index>_build` and swaps it with the live index in one task, so searches never
// see a half-built index. Kept in sync from the outbox by the search consumer (lib/search/sync.ts).

export const INDEX = "tongyuan_documents";
const BUILD = `${INDEX}_build`;

type MeiliDoc = Omit<SearchDoc, "publishedAt" | "validFrom" | "validTo"> & {
  publishedAt: number;
  /** 有效期 days as numbers (20261206): Meilisearch compares numbers, not dates. */
  validFrom: number | null;
  validTo: number | null;
};

/** A YYYY-MM-DD day as the number Meilisearch filters on. */
export const dayNumber = (day: string) => Number(day.replaceAll("-", ""));

export function toMeili(doc: SearchDoc): MeiliDoc {
  return {
    ...doc,
    publishedAt: Math.floor(doc.publishedAt.getTime() / 1000),
    validFrom: doc.validFrom ? dayNumber(doc.validFrom) : null,
    validTo: doc.validTo ? dayNumber(doc.validTo) : null,
  };
}

export function meiliSettings(synonyms: string[][]) {
  const map: Record<string, string[]> = {};
  for (const group of synonyms)
    for (const term of group)
      map[term] = [...new Set([...(map[term] ?? []), ...group.filter((other) => other !== term)])];
  return {
    searchableAttributes: ["title", "docNumber", "summary", "body", "unitName"],
    filterableAttributes: [
      "type",
      "kind",
      "unitName",
      "year",
      "validity",
      "siteIds",
      "docNumber",
      "validFrom",
      "validTo",
    ],
    sortableAttributes: ["publishedAt"],
    rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", "publishedAt:desc"],
    synonyms: map,
    pagination: { maxTotalHits: MAX_HITS },
    faceting: { maxValuesPerFacet: 100 },
    localizedAttributes: [{ attributePatterns: ["*"], locales: ["cmn"] }],
  };
}

function quote(value: string | number): string {
  return typeof value === "number" ? String(value) : `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export function meiliFilter(filters: EngineQuery["filters"], today = chinaToday()): string[] {
  // A 答问 outside its 有效期 is never a result (the daily sweep removes it once expired).
  const day = dayNumber(today);
  const out: string[] = [
    `(validFrom IS NULL OR validFrom NOT EXISTS OR validFrom <= ${day})`,
    `(validTo IS NULL OR validTo NOT EXISTS OR validTo >= ${day})`,
  ];
  if (filters.siteId) out.push(`siteIds = ${quote(filters.siteId)}`);
  if (filters.kind) out.push(`kind = ${quote(filters.kind)}`);
  if (filters.issuer) out.push(`unitName = ${quote(filters.issuer)}`);
  if (filters.year) out.push(`year = ${quote(filters.year)}`);
  if (filters.validity) out.push(`validity = ${quote(filters.validity)}`);
  return out;
}

export class MeiliEngine implements SearchEngine {
  readonly name = "meilisearch";
  readonly client: Meilisearch;
  constructor(host: string, apiKey?: string) {
    this.client = new Meilisearch({ host, ...(apiKey ? { apiKey } : {}), timeout: 3000 });
  }

  index(uid = INDEX): Index<MeiliDoc> {
    return this.client.index<MeiliDoc>(uid);
  }

  async applySettings(synonyms: string[][], uid = INDEX): Promise<void> {
    await this.client
      .createIndex(uid, { primaryKey: "id" })
      .waitTask()
      .catch(() => {});
    await this.index(uid).updateSettings(meiliSettings(synonyms)).waitTask();
  }

  async upsert(docs: SearchDoc[], uid = INDEX): Promise<void> {
    if (docs.length) await this.index(uid).addDocuments(docs.map(toMeili), { primaryKey: "id" }).waitTask();
  }

  async remove(ids: string[], uid = INDEX): Promise<void> {
    if (ids.length) await this.index(uid).deleteDocuments(ids).waitTask();
  }

  /** A site's service entries, anew: its old ones out (by filter), the current ones in; tasks run in order. */
  async replaceServices(siteId: string, docs: SearchDoc[], uid = INDEX): Promise<void> {
    await this.index(uid)
      .deleteDocuments({ filter: `type = "SERVICE" AND siteIds = ${JSON.stringify(siteId)}` })
      .waitTask();
    await this.upsert(docs, uid);
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    const filter = meiliFilter(query.filters);
    const response = await this.index().search(query.variants[0] ?? "", {
      filter,
      facets: ["kind", "unitName", "year", "validity"],
      offset: query.offset,
      limit: query.limit,
      ...(query.sort === "date" ? { sort: ["publishedAt:desc"] } : {}),
    });
    let hits = response.hits;
    // Service entries and an exact 文号 lead the first page, as on the PostgreSQL engine.
    if (query.offset === 0 && query.sort === "relevance") {
      const leading = await this.index().search(query.variants[0] ?? "", {
        filter: [
          ...filter,
          query.docNumber ? `(type = "SERVICE" OR docNumber = ${quote(query.docNumber)})` : `type = "SERVICE"`,
        ],
        limit: 5,
      });
      const ids = new Set(leading.hits.map((hit) => hit.id));
      hits = [...leading.hits, ...hits.filter((hit) => !ids.has(hit.id))].slice(0, query.limit);
    }
    const distribution = response.facetDistribution ?? {};
    return {
      total: response.estimatedTotalHits ?? hits.length,
      facets: {
        kind: distribution.kind ?? {},
        unit: distribution.unitName ?? {},
        year: distribution.year ?? {},
        validity: distribution.validity ?? {},
      },
      hits: hits.map((hit): EngineHit => ({
        id: hit.id,
        type: hit.type,
        kind: hit.kind,
        title: hit.title,
        summary: hit.summary,
        excerpt: { text: hit.body, atStart: true, atEnd: true },
        url: hit.url,
        unitName: hit.unitName,
        docNumber: hit.docNumber,
        validity: hit.validity,
        siteIds: hit.siteIds,
        publishedAt: new Date(hit.publishedAt * 1000),
      })),
    };
  }

  /** Builds the whole index aside and swaps it in. */
  async rebuild(
    synonyms: string[][],
    batches: AsyncIterable<SearchDoc[]>,
    onBatch: (count: number) => void,
  ): Promise<void> {
    await this.client.deleteIndexIfExists(BUILD);
    await this.applySettings(synonyms, BUILD);
    for await (const docs of batches) {
      await this.upsert(docs, BUILD);
      onBatch(docs.length);
    }
    await this.client
      .createIndex(INDEX, { primaryKey: "id" })
      .waitTask()
      .catch(() => {});
    await this.client.swapIndexes([{ indexes: [INDEX, BUILD], rename: false }]).waitTask();
    await this.client.deleteIndexIfExists(BUILD);
  }
}
