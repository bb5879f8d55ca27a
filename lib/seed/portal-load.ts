import pg from "pg";

// Load for the portal benchmark (npm run bench:portal): `count` imported items (历史导入, origin
// IMPORTED like the demo seed's), each with one revision and publication, spread over the list
// columns of every site; every tenth item is also placed on a second site. Bench data only.

export async function seedPortalLoad(
  databaseUrl: string,
  count: number,
  sentences: string[],
  options: { sentencesPerItem?: number; offset?: number } = {},
): Promise<void> {
  // Bodies of 1..sentencesPerItem sentences (the search benchmark wants documents of some length).
  const perItem = options.sentencesPerItem ?? 1;
  const offset = options.offset ?? 0;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("begin");
    await client.query(
      `create temp table load on commit drop as
       select i, gen_random_uuid() as rid, gen_random_uuid() as revid,
              ($1::text[])[1 + (i::bigint * 7919 % array_length($1::text[], 1))::int] || '（' || i || '）' as title,
              array_to_string(array(select ($1::text[])[1 + ((i::bigint * 104729 + j * 7907) % array_length($1::text[], 1))::int]
                                    from generate_series(1, 1 + (i % $3::int)) as j), '') as text,
              (array['ARTICLE','NOTICE'])[1 + i % 2]::"ResourceKind" as kind,
              now() - (i * interval '37 minutes') as at
       from generate_series($4::int + 1, $4::int + $2::int) as i`,
      [sentences, count, perItem, offset],
    );
    const owner = `(select id from "Organization" where name = '区政府办公室政务公开科')`;
    const author = `(select id from "User" where username = 'editor')`;
    await client.query(
      `insert into "Resource" (id, kind, "ownerOrgId", "createdById", title, state, version, "createdAt", "updatedAt")
       select rid, kind, ${owner}, ${author}, title, 'PUBLISHED', 1, at, at from load`,
    );
    await client.query(
      `insert into "Revision" (id, "resourceId", number, title, body, "bodyHtml", metadata, "contentHash", "authorId", "createdAt")
       select revid, rid, 1, title,
              jsonb_build_object('type', 'doc', 'content', jsonb_build_array(jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', text))))),
              '<p>' || text || '</p>',
              '{"source":{"type":"original"},"keywords":[],"disclosure":{"type":"proactive"},"relations":[]}'::jsonb,
              encode(sha256(convert_to(title || text, 'UTF8')), 'hex'), ${author}, at
       from load`,
    );
    await client.query(
      `insert into "Publication" (id, "resourceId", "revisionId", origin, "contentHash", "publishedAt")
       select gen_random_uuid(), rid, revid, 'IMPORTED', encode(sha256(convert_to(title || text, 'UTF8')), 'hex'), at from load`,
    );
    // Every list column of every site takes its share; every tenth item also goes to a second site.
    await client.query(
      `with columns as (select id, "siteId", row_number() over (order by "siteId", position, id) - 1 as n, count(*) over () as total from "Column" where kind = 'LIST')
       insert into "Placement" (id, "columnId", "resourceId")
       select gen_random_uuid(), c.id, l.rid from load l join columns c on c.n = l.i % c.total
       union all
       select gen_random_uuid(), c.id, l.rid from load l join columns c on c.n = (l.i + 1) % c.total
       where l.i % 10 = 0 and c."siteId" <> (select c2."siteId" from columns c2 where c2.n = l.i % c2.total)`,
    );
    await client.query("commit");
    await client.query('analyze "Resource"; analyze "Revision"; analyze "Publication"; analyze "Placement"');
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
