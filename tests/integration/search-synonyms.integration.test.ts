import { beforeAll, describe, expect, it } from "vitest";
import { reindexPostgres } from "@/lib/search/service";
import { getSynonymsForAdmin, saveSynonyms } from "@/lib/search/synonyms";
import { loadSeedSynonyms } from "@/lib/seed/search-synonyms";
import { actorFor, actorsFor, fileDb, restoreAfterTest } from "./helpers";
import { publish, search, title } from "./support/search";

// The seeded 同义词 of government search: merged into the migration's starting groups, shown on the
// admin page (搜索同义词) and used by the public search at once; only the system administrator may
// see or change them. The 文号 suggestion and the issuer facet are in the engine contract
// (search-contract.ts).

beforeAll(async () => {
  await fileDb();
  await reindexPostgres();
});

describe("seeded synonyms", () => {
  it("shows every seeded group on the admin page, merged with the starting ones, each term once", async () => {
    const text = await getSynonymsForAdmin(await actorFor("admin"));
    const lines = text.split("\n");
    for (const group of await loadSeedSynonyms()) {
      const line = lines.find((candidate) => candidate.split("=").includes(group[0]!));
      expect(line, group.join("=")).toBeDefined();
      expect(line!.split("=")).toEqual(expect.arrayContaining(group));
    }
    const terms = lines.flatMap((line) => line.split("="));
    expect(new Set(terms).size).toBe(terms.length);
    expect(lines).toEqual(expect.arrayContaining(["医保=医疗保险=医疗保障", "营商环境=优化营商环境"]));
    expect(lines.find((line) => line.startsWith("一网通办="))!.split("=")).toEqual(
      expect.arrayContaining(["一网通办", "政务服务一网通办", "政务服务"]),
    );
  });

  it("finds an item by a synonym of its words, with the words it holds marked", async () => {
    const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
    await publish(editor, reviewer, deputy, {
      title: "沙坪坝区调整城乡居民医疗保障待遇",
      body: "自明年起，城乡居民医疗保障的门诊报销比例提高五个百分点。",
    });
    await publish(editor, reviewer, deputy, {
      title: "沙坪坝区出台网络预约出租汽车管理办法",
      body: "规范网络预约出租汽车经营服务行为。",
    });
    const medical = await search("医保待遇");
    const hit = medical.hits.find((candidate) => title(candidate.title) === "沙坪坝区调整城乡居民医疗保障待遇");
    expect(hit!.title.filter((piece) => piece.mark).map((piece) => piece.text)).toEqual(["医疗保障待遇"]);
    const taxi = await search("网约车管理");
    expect(taxi.hits.map((hit) => title(hit.title))).toContain("沙坪坝区出台网络预约出租汽车管理办法");
  });

  it("are changed by the system administrator only, and a change applies to the next search", async () => {
    const admin = await actorFor("admin");
    const before = await getSynonymsForAdmin(admin);
    restoreAfterTest(() => saveSynonyms(admin, { text: before }));
    await expect(getSynonymsForAdmin(await actorFor("editor"))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveSynonyms(await actorFor("supervisor"), { text: "甲=乙" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await getSynonymsForAdmin(admin)).toBe(before);

    expect((await search("网约出租车")).hits.map((hit) => title(hit.title))).not.toContain(
      "沙坪坝区出台网络预约出租汽车管理办法",
    );
    await saveSynonyms(admin, { text: `${before}\n网约出租车=网络预约出租汽车` });
    expect((await search("网约出租车")).hits.map((hit) => title(hit.title))).toContain(
      "沙坪坝区出台网络预约出租汽车管理办法",
    );
  });
});
