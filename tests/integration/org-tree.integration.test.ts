import { describe, expect, it } from "vitest";
import { getDb, resolveDatabaseUrl } from "@/lib/db/client";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/client";
import { createOrganization, moveOrganization } from "@/lib/org/organizations";
import { getOrgTree, loadOrgTree, withOrgTreeScope } from "@/lib/org/tree";
import { createResource, loadVisibleResource } from "@/lib/library/resources";
import { actorFor, orgId, fileDb } from "./helpers";

// The tree answers from one load what the table says; a move carries the unit's subtree with
// it; and within one request, every permission check shares one load of the table.

/** Each unit's ancestors as PostgreSQL itself walks them, nearest first. */
async function lineageFromTable(id: string): Promise<string[]> {
  const rows = await getDb().$queryRaw<{ id: string }[]>`
    with recursive up(id, "parentId", depth) as (
      select id, "parentId", 0 from "Organization" where id = ${id}::uuid
      union all select o.id, o."parentId", u.depth + 1 from "Organization" o join up u on o.id = u."parentId"
    ) select id::text as id from up order by depth`;
  return rows.map((row) => row.id);
}

async function descendantsFromTable(id: string): Promise<string[]> {
  const rows = await getDb().$queryRaw<{ id: string }[]>`
    with recursive down(id) as (
      select o.id from "Organization" o where o."parentId" = ${id}::uuid
      union all select o.id from "Organization" o join down d on o."parentId" = d.id
    ) select id::text as id from down`;
  return rows.map((row) => row.id).sort();
}

/** Runs `work` with the process's client replaced by one that records every SQL statement. */
async function recordingQueries<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const global = globalThis as unknown as { tongyuanDb?: PrismaClient };
  const original = global.tongyuanDb;
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: resolveDatabaseUrl() }),
    log: [{ emit: "event", level: "query" }],
  });
  const statements: string[] = [];
  client.$on("query", (event) => statements.push(event.query));
  global.tongyuanDb = client;
  try {
    return { result: await work(), statements };
  } finally {
    global.tongyuanDb = original;
    await client.$disconnect();
  }
}

const readsOrganizations = (statement: string) =>
  /from\s+"public"\."Organization"|from\s+"Organization"/i.test(statement);

describe("the organization tree", () => {
  it("matches the table: parents, ancestors, descendants and paths", async () => {
    await fileDb();
    const tree = await loadOrgTree();
    const rows = await getDb().organization.findMany({ select: { id: true, parentId: true, name: true } });
    expect(tree.all).toHaveLength(rows.length);
    for (const row of rows) {
      expect(tree.get(row.id)).toMatchObject({ parentId: row.parentId, name: row.name });
      expect(tree.lineage(row.id)).toEqual(await lineageFromTable(row.id));
      expect(tree.ancestors(row.id)).toEqual((await lineageFromTable(row.id)).slice(1));
      expect([...tree.descendants(row.id)].sort()).toEqual(await descendantsFromTable(row.id));
      expect(tree.path(row.id).map((unit) => unit.id)).toEqual((await lineageFromTable(row.id)).reverse());
    }
    const disclosure = await orgId("区政府办公室政务公开科");
    expect(tree.path(disclosure).map((unit) => unit.name)).toEqual([
      "重庆市人民政府办公厅",
      "重庆市沙坪坝区人民政府",
      "区政府办公室政务公开科",
    ]);
    expect(tree.lineage("00000000-0000-4000-8000-000000000000")).toEqual(["00000000-0000-4000-8000-000000000000"]);
    expect(tree.path("00000000-0000-4000-8000-000000000000")).toEqual([]);
  });

  it("moves a unit with its descendants, and a request's tree follows the change", async () => {
    const admin = await actorFor("admin");
    const district = await orgId("重庆市沙坪坝区人民政府");
    const culture = await orgId("重庆市文化和旅游发展委员会");
    const section = await orgId("区政府办公室综合科");
    const team = (await createOrganization(admin, { parentId: section, name: "信息报送组", kind: "SECTION" })).id;

    await withOrgTreeScope(async () => {
      expect((await getOrgTree()).descendants(district)).toEqual(expect.arrayContaining([section, team]));
      await moveOrganization(admin, { orgId: section, parentId: culture });
      const after = await getOrgTree();
      expect(after.descendants(district)).not.toContain(section);
      expect(after.descendants(district)).not.toContain(team);
      expect(after.descendants(culture)).toEqual(expect.arrayContaining([section, team]));
      expect(after.lineage(team)).toEqual(await lineageFromTable(team));
      expect(after.lineage(team).slice(0, 3)).toEqual([team, section, culture]);
    });
    // Not under itself, nor under its own descendant.
    await expect(moveOrganization(admin, { orgId: section, parentId: team })).rejects.toMatchObject({
      code: "INVALID",
    });
  });

  it("loads the table once per request, however many resources are checked", async () => {
    const officer = await actorFor("officer");
    const district = await orgId("重庆市沙坪坝区人民政府");
    const resources: { id: string }[] = [];
    for (let count = 0; count < 6; count++)
      resources.push(await createResource(officer, { kind: "ARTICLE", ownerOrgId: district }));

    const scoped = await recordingQueries(() =>
      withOrgTreeScope(() => Promise.all(resources.map((resource) => loadVisibleResource(officer, resource.id)))),
    );
    expect(scoped.result.map((resource) => resource.id)).toEqual(resources.map((resource) => resource.id));
    expect(scoped.statements.filter(readsOrganizations)).toHaveLength(1);

    // Outside a request scope (jobs, scripts) nothing is shared: each check reads the table afresh.
    const unscoped = await recordingQueries(async () => {
      for (const resource of resources.slice(0, 3)) await loadVisibleResource(officer, resource.id);
    });
    expect(unscoped.statements.filter(readsOrganizations)).toHaveLength(3);
  });
});
