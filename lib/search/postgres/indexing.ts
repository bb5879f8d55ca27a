import type { Db, Tx } from "@/lib/db/client";
import { setLiteral, timeBuckets } from "@/lib/search/tokenize";
import type { SearchDoc } from "@/lib/search/documents";
import { commonMask, documentLexemes } from "@/lib/search/postgres/common-lexemes";
import type { Generation } from "@/lib/search/postgres/generations";

const COLUMNS = [
  "generation",
  "id",
  "publicationId",
  "type",
  "kind",
  "title",
  "summary",
  "body",
  "url",
  "unitId",
  "unitName",
  "year",
  "validity",
  "themeCode",
  "genre",
  "docNumber",
  "siteIds",
  "columnIds",
  "publishedAt",
  "validFrom",
  "validTo",
  "terms",
  "common",
  "common2",
] as const;
const CASTS: Partial<Record<(typeof COLUMNS)[number], string>> = {
  publicationId: "uuid",
  unitId: "uuid",
  siteIds: "uuid[]",
  columnIds: "uuid[]",
  terms: "tsvector",
  publishedAt: "timestamp(3)",
  validFrom: "date",
  validTo: "date",
  common: "bigint",
  common2: "bigint",
};

/** The match vector of a document: its bigrams (documentLexemes) and its time buckets. */
export function documentTerms(doc: SearchDoc, lexemes = documentLexemes(doc)): string {
  return `${setLiteral(lexemes)} ${timeBuckets(doc.publishedAt)
    .map((bucket) => `'${bucket}'`)
    .join(" ")}`;
}

/** Inserts documents into one generation (with its common lexemes' bits); `replace` overwrites rows already there. */
export async function writeDocuments(
  db: Db | Tx,
  { generation, common }: Generation,
  docs: SearchDoc[],
  replace: boolean,
): Promise<void> {
  for (let start = 0; start < docs.length; start += 200) {
    const batch = docs.slice(start, start + 200);
    const params: unknown[] = [];
    const rows = batch.map((doc) => {
      const lexemes = documentLexemes(doc);
      const values: unknown[] = [
        generation,
        doc.id,
        doc.publicationId,
        doc.type,
        doc.kind,
        doc.title,
        doc.summary,
        doc.body,
        doc.url,
        doc.unitId,
        doc.unitName,
        doc.year,
        doc.validity,
        doc.themeCode,
        doc.genre,
        doc.docNumber,
        doc.siteIds,
        doc.columnIds,
        doc.publishedAt,
        doc.validFrom,
        doc.validTo,
        documentTerms(doc, lexemes),
        ...commonMask(lexemes, common).map(String),
      ];
      return `(${values
        .map((value, index) => {
          params.push(value);
          const cast = CASTS[COLUMNS[index]!];
          return `$${params.length}${cast ? `::${cast}` : ""}`;
        })
        .join(", ")})`;
    });
    const update = COLUMNS.filter((column) => column !== "generation" && column !== "id")
      .map((column) => `"${column}" = excluded."${column}"`)
      .join(", ");
    await db.$executeRawUnsafe(
      `insert into "SearchDocument" (${COLUMNS.map((column) => `"${column}"`).join(", ")}) values ${rows.join(", ")}
       on conflict ("generation", "id") do ${replace ? `update set ${update}` : "nothing"}`,
      ...params,
    );
  }
}

export async function deleteDocuments(db: Db | Tx, generation: number, ids: string[]): Promise<void> {
  if (ids.length)
    await db.$executeRaw`delete from "SearchDocument" where generation = ${generation} and id = any(${ids}::text[])`;
}
