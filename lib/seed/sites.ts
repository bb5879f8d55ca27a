import type { Tx } from "@/lib/db/client";
import type { ColumnKind } from "@/lib/db/generated/client";

// The demo platform's two sites with their hosts and column trees (lib/seed/demo-platform).

type ColumnSeed = { slug: string; name: string; kind?: ColumnKind; linkUrl?: string; children?: ColumnSeed[] };
type SiteSeed = {
  key: string;
  name: string;
  siteCode: string;
  icpNumber: string;
  psbNumber: string;
  org: string;
  /** Footer identity (示例 values): 联系电话, 承办单位, address, e-mail, the 党政机关网站标识 link. */
  contact: string;
  identity: {
    operatorName: string;
    contactAddress: string;
    contactEmail: string;
    badgeUrl: string;
  };
  theme: string;
  hosts: string[];
  columns: ColumnSeed[];
};

const SITES: SiteSeed[] = [
  {
    key: "district",
    name: "重庆市沙坪坝区人民政府",
    siteCode: "5001060001",
    icpNumber: "渝ICP备05003300号",
    psbNumber: "渝公网安备 50010602500123号",
    org: "district",
    contact: "023-65368000",
    identity: {
      operatorName: "沙坪坝区大数据应用发展管理局（示例）",
      contactAddress: "重庆市沙坪坝区示例路 1 号",
      contactEmail: "spbzf@example.gov.cn",
      badgeUrl: "http://bszs.conac.cn/sitename?method=show&id=5001060001000000000000000000000A",
    },
    theme: "classic",
    // The first site also answers any host that no site claims (see lib/sites/portal.ts).
    hosts: ["localhost", "127.0.0.1", "spb.localhost"],
    columns: [
      {
        slug: "news",
        name: "政务动态",
        children: [
          { slug: "ywdt", name: "沙坪坝要闻" },
          { slug: "tzgg", name: "通知公告" },
        ],
      },
      {
        slug: "zfxxgk",
        name: "政府信息公开",
        kind: "DISCLOSURE",
        children: [
          { slug: "zcwj", name: "政策文件", kind: "POLICY_LIBRARY" },
          { slug: "sjwj", name: "上级文件", kind: "POLICY_LIBRARY" },
          { slug: "zcjd", name: "政策解读" },
        ],
      },
      { slug: "zmhd", name: "政民互动", kind: "INTERACTION" },
      {
        slug: "bsfw",
        name: "办事服务",
        kind: "LINK",
        linkUrl: "https://zwykb.cq.gov.cn/",
        // 办事入口: found first by search (社保卡补办 → 社会保障卡补办, through a synonym).
        children: [
          {
            slug: "sbkbb",
            name: "社会保障卡补办（挂失补换）",
            kind: "LINK",
            linkUrl: "https://zwykb.cq.gov.cn/grbs/sbk/",
          },
          { slug: "gjjtq", name: "住房公积金提取", kind: "LINK", linkUrl: "https://zwykb.cq.gov.cn/grbs/gjj/" },
          { slug: "bdcdj", name: "不动产登记查询", kind: "LINK", linkUrl: "https://zwykb.cq.gov.cn/grbs/bdc/" },
        ],
      },
    ],
  },
  {
    key: "culture",
    name: "重庆市文化和旅游发展委员会",
    siteCode: "5000000037",
    icpNumber: "渝ICP备2021004781号",
    psbNumber: "渝公网安备 50010302002345号",
    org: "culture",
    contact: "023-67511300",
    identity: {
      operatorName: "重庆市文化和旅游发展委员会信息中心（示例）",
      contactAddress: "重庆市渝北区示例大道 2 号",
      contactEmail: "whlyw@example.gov.cn",
      badgeUrl: "http://bszs.conac.cn/sitename?method=show&id=5000000037000000000000000000000B",
    },
    theme: "landscape",
    hosts: ["wlw.localhost"],
    columns: [
      { slug: "wlzx", name: "文旅资讯", children: [{ slug: "tzgg", name: "通知公告" }] },
      {
        slug: "zfxxgk",
        name: "政府信息公开",
        kind: "DISCLOSURE",
        children: [
          { slug: "zcwj", name: "政策文件", kind: "POLICY_LIBRARY" },
          { slug: "zcjd", name: "政策解读" },
        ],
      },
      { slug: "hdjl", name: "互动交流", kind: "INTERACTION" },
    ],
  },
];

/** Creates the demo sites; returns column ids by "<site key>/<column slug>". */
export async function seedSites(tx: Tx, orgIds: Map<string, string>): Promise<Map<string, string>> {
  const columnIds = new Map<string, string>();
  for (const [position, site] of SITES.entries()) {
    const created = await tx.site.create({
      data: {
        name: site.name,
        siteCode: site.siteCode,
        icpNumber: site.icpNumber,
        psbNumber: site.psbNumber,
        orgId: orgIds.get(site.org)!,
        contact: site.contact,
        ...site.identity,
        theme: site.theme,
        position,
        hosts: { create: site.hosts.map((host) => ({ host })) },
      },
    });
    const createColumns = async (columns: ColumnSeed[], parentId: string | null) => {
      for (const [index, column] of columns.entries()) {
        const row = await tx.column.create({
          data: {
            siteId: created.id,
            parentId,
            name: column.name,
            slug: column.slug,
            kind: column.kind ?? "LIST",
            linkUrl: column.linkUrl ?? null,
            position: index,
          },
        });
        columnIds.set(`${site.key}/${column.slug}`, row.id);
        await createColumns(column.children ?? [], row.id);
      }
    };
    await createColumns(site.columns, null);
  }
  return columnIds;
}
