import { describe, expect, it } from "vitest";
import {
  HOME_BLOCK_KINDS,
  MAX_HOME_BLOCKS,
  ZHomeBlock,
  ZHomeLayoutInput,
  describeLayoutChanges,
  type THomeBlock,
} from "@/lib/sites/home-blocks";
import { defaultHomeBlocks } from "@/lib/sites/home-default";
import { resolveSeedBlock } from "@/lib/seed/home-blocks";
import { parseLinkLines } from "@/components/admin/home-block-form";
import { messages } from "@/lib/i18n/zh-CN";

// 首页区块 settings: each kind's schema accepts what the composer sends, fills its defaults, and
// refuses what must not reach the portal (foreign image addresses, script links, empty groups).

const COLUMN = "0b8f6a1e-3c2d-4e5f-8a9b-1c2d3e4f5a6b";
const OTHER = "5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const ASSET = "/api/assets/2f4e6a8c-1b3d-4f5a-9c7e-0d2b4f6a8c1e";

const first = (input: unknown) => {
  const parsed = ZHomeBlock.safeParse(input);
  return parsed.success ? null : parsed.error.issues[0]!.message;
};

describe("block settings", () => {
  it("has a Chinese name and hint for every kind", () => {
    for (const kind of HOME_BLOCK_KINDS) {
      expect(messages.homeBlocks.kinds[kind]).toMatch(/[\u4e00-\u9fff]/);
      expect(messages.homeBlocks.kindHints[kind]).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("accepts each kind with its defaults filled in", () => {
    expect(ZHomeBlock.parse({ kind: "FOCUS", title: "图片新闻", config: { columnIds: [COLUMN, COLUMN] } })).toEqual({
      kind: "FOCUS",
      title: "图片新闻",
      config: { columnIds: [COLUMN], count: 5 },
    });
    expect(ZHomeBlock.parse({ kind: "HEADLINES", title: "要闻", config: { columnIds: [] } }).config).toEqual({
      columnIds: [],
      count: 8,
      withImage: true,
    });
    expect(
      ZHomeBlock.parse({ kind: "COLUMN", title: "部门动态", config: { columnId: COLUMN, count: "5" } }).config,
    ).toEqual({ columnId: COLUMN, count: 5, showSummary: false, showImage: false });
    expect(ZHomeBlock.parse({ kind: "SERVICES", title: "办事服务", config: { columnId: "" } }).config).toEqual({
      columnId: null,
      count: 12,
    });
    expect(
      ZHomeBlock.parse({ kind: "IMAGE_BANNER", title: "横幅", config: { src: ASSET, href: "", alt: "学习宣传专栏" } })
        .config,
    ).toEqual({ src: ASSET, href: null, alt: "学习宣传专栏" });
    expect(
      ZHomeBlock.parse({
        kind: "LINKS",
        title: "友情链接",
        config: { links: [{ name: " 中国政府网 ", url: "https://www.gov.cn/" }] },
      }).config,
    ).toEqual({ links: [{ name: "中国政府网", url: "https://www.gov.cn/" }] });
  });

  it("refuses what must not reach the portal, in Chinese", () => {
    expect(first({ kind: "FOCUS", title: "图片新闻", config: { columnIds: [] } })).toBe("请至少选择一个栏目");
    expect(first({ kind: "COLUMN", title: "部门动态", config: { columnId: "" } })).toBe("请选择栏目");
    expect(first({ kind: "NOTICES", title: "通知公告", config: { columnId: COLUMN, count: 50 } })).toBe(
      "显示条数不超过 12",
    );
    expect(first({ kind: "LEADERS", title: "领导之窗", config: { columnId: COLUMN, count: 1.5 } })).toBe(
      "显示条数须为整数",
    );
    expect(
      first({ kind: "IMAGE_BANNER", title: "横幅", config: { src: "https://evil.example/a.png", alt: "横幅图片" } }),
    ).toBe("横幅图片须是素材库中的图片（/api/assets/…）");
    expect(first({ kind: "IMAGE_BANNER", title: "横幅", config: { src: ASSET, alt: "" } })).toBe(
      "请填写图片说明（供读屏软件朗读）",
    );
    expect(
      first({
        kind: "IMAGE_BANNER",
        title: "横幅",
        config: { src: ASSET, alt: "横幅图片", href: "javascript:alert(1)" },
      }),
    ).toMatch(/^链接须为/);
    expect(first({ kind: "LINKS", title: "友情链接", config: { links: [] } })).toBe("请至少填写一个链接");
    expect(
      first({ kind: "LINKS", title: "友情链接", config: { links: [{ name: "某网站", url: "ftp://x.cn" }] } }),
    ).toMatch(/^链接须为/);
    expect(first({ kind: "NOTICES", title: "通\n知", config: { columnId: COLUMN } })).toBe(
      "区块标题不能含有换行或控制字符",
    );
    expect(first({ kind: "NOTICES", title: "通", config: { columnId: COLUMN } })).toBe("区块标题至少 2 个字");
    expect(first({ kind: "SCRIPT", title: "脚本", config: {} })).toBe("请选择区块类型");
  });

  it("takes at least one and at most 30 blocks per layout", () => {
    const block = { kind: "NOTICES", title: "通知公告", config: { columnId: COLUMN } };
    const layout = (count: number) => ({ siteId: OTHER, baseVersion: 1, blocks: Array(count).fill(block) });
    expect(ZHomeLayoutInput.safeParse(layout(MAX_HOME_BLOCKS)).success).toBe(true);
    expect(ZHomeLayoutInput.safeParse(layout(MAX_HOME_BLOCKS + 1)).error?.issues[0]?.message).toBe("区块不超过 30 个");
    expect(ZHomeLayoutInput.safeParse(layout(0)).error?.issues[0]?.message).toBe("首页至少需要一个区块");
  });
});

describe("the audit record of a layout change", () => {
  const notices: THomeBlock = { kind: "NOTICES", title: "通知公告", config: { columnId: COLUMN, count: 6 } };
  const links: THomeBlock = {
    kind: "LINKS",
    title: "友情链接",
    config: { links: [{ name: "中国政府网", url: "https://www.gov.cn/" }] },
  };
  const focus: THomeBlock = { kind: "FOCUS", title: "图片新闻", config: { columnIds: [COLUMN], count: 5 } };

  it("names blocks added, removed, reconfigured and a new order", () => {
    expect(describeLayoutChanges([notices, links], [links, notices])).toEqual(["调整区块顺序"]);
    expect(describeLayoutChanges([notices], [notices, focus])).toEqual(["新增焦点图「图片新闻」"]);
    expect(describeLayoutChanges([notices, focus], [focus])).toEqual(["删除通知公告「通知公告」"]);
    expect(describeLayoutChanges([notices], [{ ...notices, config: { columnId: COLUMN, count: 8 } }])).toEqual([
      "修改通知公告「通知公告」的设置",
    ]);
    expect(describeLayoutChanges([notices, links], [notices, links])).toEqual([]);
  });
});

describe("the default layout and the seeded one", () => {
  it("shows what the home page always showed until a layout is published", () => {
    const blocks = defaultHomeBlocks([
      { id: COLUMN, parentId: null, name: "政务动态", kind: "LIST" },
      { id: OTHER, parentId: COLUMN, name: "通知公告", kind: "LIST" },
      { id: "c3", parentId: null, name: "办事服务", kind: "LINK" },
    ]);
    expect(blocks.map((block) => block.kind)).toEqual([
      "HEADLINES",
      "POLICIES",
      "INTERPRETATIONS",
      "COLUMN",
      "SERVICES",
    ]);
    expect(blocks.map((block) => block.title)).toEqual([
      "最新发布",
      "最新政策文件",
      "政策解读",
      "政务动态",
      "办事服务",
    ]);
    for (const block of blocks) expect(ZHomeBlock.safeParse(block).success, block.title).toBe(true);
  });

  it("resolves seeded blocks by column slug and leaves out a block whose columns are missing", () => {
    const slugs = new Map([["ywdt", COLUMN]]);
    expect(resolveSeedBlock({ kind: "FOCUS", title: "图片新闻", columns: ["ywdt", "bmdt"] }, slugs)?.config).toEqual({
      columnIds: [COLUMN],
      count: 5,
    });
    expect(resolveSeedBlock({ kind: "LEADERS", title: "领导之窗", column: "ldzc" }, slugs)).toBeNull();
    expect(resolveSeedBlock({ kind: "POLICIES", title: "最新政策文件", columns: [] }, slugs)?.config).toEqual({
      columnIds: [],
      count: 6,
    });
  });

  it("reads the composer's link lines as name and address", () => {
    expect(parseLinkLines("中国政府网 https://www.gov.cn/\n\n 重庆 市政府  https://www.cq.gov.cn/ \n无地址")).toEqual([
      { name: "中国政府网", url: "https://www.gov.cn/" },
      { name: "重庆 市政府", url: "https://www.cq.gov.cn/" },
      { name: "无地址", url: "" },
    ]);
  });
});
