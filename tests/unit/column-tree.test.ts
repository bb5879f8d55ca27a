import { describe, expect, it } from "vitest";
import { columnsMatching, orderColumns } from "@/lib/publish/column-tree-order";
import { purgeableFrom } from "@/lib/library/purge";

// The column picker's tree (#23 §2): order, depth, and what a search keeps in view; and when an
// item in the 回收站 may be purged.

const flat = [
  { id: "news", parentId: null, name: "政务动态" },
  { id: "gk", parentId: null, name: "政府信息公开" },
  { id: "ywdt", parentId: "news", name: "沙坪坝要闻" },
  { id: "zcwj", parentId: "gk", name: "政策文件" },
  { id: "tzgg", parentId: "news", name: "通知公告" },
  { id: "orphan", parentId: "deleted", name: "孤立栏目" },
];

describe("orderColumns", () => {
  it("lists each column after its parent, siblings in the given order, with depths", () => {
    expect(orderColumns(flat).map((column) => [column.id, column.depth])).toEqual([
      ["news", 0],
      ["ywdt", 1],
      ["tzgg", 1],
      ["gk", 0],
      ["zcwj", 1],
      ["orphan", 0],
    ]);
  });

  it("stops at the depth limit instead of looping on a cycle", () => {
    const cycle = [
      { id: "a", parentId: "b" },
      { id: "b", parentId: "a" },
    ];
    expect(orderColumns(cycle)).toEqual([]);
    const deep = Array.from({ length: 20 }, (_, index) => ({
      id: `c${index}`,
      parentId: index ? `c${index - 1}` : null,
    }));
    expect(orderColumns(deep, 3).map((column) => column.id)).toEqual(["c0", "c1", "c2", "c3"]);
  });
});

describe("columnsMatching", () => {
  const sites = [
    {
      siteId: "s1",
      siteName: "重庆市沙坪坝区人民政府",
      unitName: "重庆市沙坪坝区人民政府",
      columns: orderColumns(flat).map((column) => ({ ...column, placeable: true, reason: null })),
    },
    {
      siteId: "s2",
      siteName: "重庆市文化和旅游发展委员会",
      unitName: "重庆市文化和旅游发展委员会",
      columns: [{ id: "wlzx", name: "文旅资讯", depth: 0, placeable: false, reason: "无权发布到该栏目" }],
    },
  ];

  it("shows nothing filtered without a query", () => {
    expect(columnsMatching(sites, "  ")).toBeNull();
  });

  it("keeps a match's ancestors and leaves its siblings out", () => {
    expect([...columnsMatching(sites, "要闻")!].sort()).toEqual(["news", "ywdt"]);
    expect([...columnsMatching(sites, "政策")!].sort()).toEqual(["gk", "zcwj"]);
  });

  it("shows a whole site when its name matches", () => {
    expect([...columnsMatching(sites, "文化和旅游")!]).toEqual(["wlzx"]);
  });
});

describe("purgeableFrom", () => {
  it("is the trash time plus the retention period in days", () => {
    expect(purgeableFrom(new Date("2026-01-01T02:00:00Z"), 30).toISOString()).toBe("2026-01-31T02:00:00.000Z");
  });
});
