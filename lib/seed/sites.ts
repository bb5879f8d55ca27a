import type { Tx } from "@/lib/db/client";
import type { ColumnKind } from "@/lib/db/generated/client";

// The demo platform's sites with their hosts and column trees (lib/seed/demo-platform).

type ColumnSeed = {
  slug: string;
  name: string;
  kind?: ColumnKind;
  linkUrl?: string;
  /** 专题 intro (TOPIC columns); the banner is drawn with the sample content (lib/seed/samples). */
  intro?: string;
  /** False for footer pages: kept out of the main navigation and the home blocks. */
  nav?: boolean;
  children?: ColumnSeed[];
};
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
  /** 征集调查 a year (seed 004: 6 for a city or county portal, 3 for a department site). */
  consultationQuota: number;
  columns: ColumnSeed[];
};

/** A 专题 with its two sub-columns (工作动态, 政策措施). */
function topic(slug: string, name: string, intro: string): ColumnSeed {
  return {
    slug,
    name,
    kind: "TOPIC",
    intro,
    children: [
      { slug: `${slug}-gzdt`, name: "工作动态" },
      { slug: `${slug}-zccs`, name: "政策措施" },
    ],
  };
}

/** 关于本站, 联系我们, 网站声明, 使用帮助: single pages linked from the footer. */
const FOOTER_PAGES: ColumnSeed[] = [
  { slug: "gybz", name: "关于本站", kind: "PAGE", nav: false },
  { slug: "lxwm", name: "联系我们", kind: "PAGE", nav: false },
  { slug: "wzsm", name: "网站声明", kind: "PAGE", nav: false },
  { slug: "sybz", name: "使用帮助", kind: "PAGE", nav: false },
];

/** 政府信息公开指南 and 制度, first in every catalogue (《政府信息公开条例》第十九至二十二条). */
const DISCLOSURE_GUIDE: ColumnSeed[] = [
  { slug: "zfxxgkzn", name: "政府信息公开指南", kind: "PAGE" },
  { slug: "zfxxgkzd", name: "政府信息公开制度" },
];

/** 政府信息公开年报, the website's 年度报表 and 依申请公开, last in every catalogue (条例第二十七条、第五十条). */
const DISCLOSURE_TAIL: ColumnSeed[] = [
  { slug: "gknb", name: "政府信息公开年报" },
  // 国办函〔2018〕12号: every site publishes its 政府网站工作年度报表 here by 31 January.
  { slug: "ndbb", name: "政府网站工作年度报表" },
  { slug: "ysqgk", name: "依申请公开", kind: "PAGE" },
];

export const SITES: SiteSeed[] = [
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
    consultationQuota: 6,
    columns: [
      {
        slug: "news",
        name: "政务动态",
        children: [
          { slug: "ywdt", name: "沙坪坝要闻" },
          { slug: "tzgg", name: "通知公告" },
          { slug: "bmdt", name: "部门动态" },
        ],
      },
      { slug: "ldzc", name: "领导之窗" },
      { slug: "zjspb", name: "走进沙坪坝", kind: "PAGE" },
      {
        slug: "zfxxgk",
        name: "政府信息公开",
        kind: "DISCLOSURE",
        children: [
          ...DISCLOSURE_GUIDE,
          {
            // 《政府信息公开条例》第二十条: what every administrative body discloses on its own initiative.
            slug: "fdzdgknr",
            name: "法定主动公开内容",
            kind: "DISCLOSURE",
            children: [
              { slug: "jgzn", name: "机构职能" },
              {
                slug: "fgwj",
                name: "法规文件",
                kind: "DISCLOSURE",
                children: [
                  { slug: "zcwj", name: "政策文件", kind: "POLICY_LIBRARY" },
                  { slug: "sjwj", name: "上级文件", kind: "POLICY_LIBRARY" },
                ],
              },
              { slug: "zcjd", name: "政策解读" },
              { slug: "ghxx", name: "规划信息" },
              { slug: "czxx", name: "财政信息" },
              { slug: "zdxm", name: "重大项目" },
            ],
          },
          ...DISCLOSURE_TAIL,
        ],
      },
      {
        slug: "zt",
        name: "专题专栏",
        children: [
          topic("yshj", "优化营商环境", "聚焦市场主体关切，集中展示本区优化营商环境的工作动态和政策措施（示例专题）。"),
          topic("mssx", "民生实事", "围绕教育、医疗、养老、就业等民生领域，公开年度民生实事的推进情况（示例专题）。"),
          topic("sthj", "生态环境保护", "公开生态环境保护工作的部署安排、政策措施和进展情况（示例专题）。"),
        ],
      },
      { slug: "zmhd", name: "政民互动", kind: "INTERACTION" },
      // 咨询答问: the site's entries of the 答问库 (lib/interaction/qa), browsed by theme.
      { slug: "zxdw", name: "咨询答问" },
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
      // Other governments' documents, kept for reference: never the district's own or 上级文件.
      { slug: "xxjj", name: "学习借鉴", kind: "POLICY_LIBRARY" },
      ...FOOTER_PAGES,
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
    consultationQuota: 3,
    columns: [
      {
        slug: "wlzx",
        name: "文旅资讯",
        children: [
          { slug: "wlyw", name: "文旅要闻" },
          { slug: "tzgg", name: "通知公告" },
        ],
      },
      { slug: "ldzc", name: "领导之窗" },
      {
        slug: "zfxxgk",
        name: "政府信息公开",
        kind: "DISCLOSURE",
        children: [
          ...DISCLOSURE_GUIDE,
          { slug: "jgzn", name: "机构职能" },
          { slug: "zcwj", name: "政策文件", kind: "POLICY_LIBRARY" },
          { slug: "zcjd", name: "政策解读" },
          ...DISCLOSURE_TAIL,
        ],
      },
      {
        slug: "zt",
        name: "专题专栏",
        children: [
          topic("whly", "文旅融合发展", "展示文化和旅游融合发展的工作动态与政策措施（示例专题）。"),
          topic("ggwh", "公共文化服务", "公开公共文化服务体系建设的进展和便民措施（示例专题）。"),
        ],
      },
      { slug: "hdjl", name: "互动交流", kind: "INTERACTION" },
      ...FOOTER_PAGES,
    ],
  },
  // The supervising unit's own site, kept by its 电子政务处: its work news, notices and the quarterly
  // 监管通报 (lib/supervision/draft-bulletin.ts publishes the bulletins in "jgtb").
  {
    key: "office",
    name: "重庆市人民政府办公厅",
    siteCode: "5000000002",
    icpNumber: "渝ICP备05003300号-2",
    psbNumber: "渝公网安备 50010302000002号",
    org: "office-egov",
    contact: "023-63893000",
    identity: {
      operatorName: "重庆市人民政府办公厅电子政务处（示例）",
      contactAddress: "重庆市渝北区示例大道 1 号",
      contactEmail: "bgt@example.gov.cn",
      badgeUrl: "http://bszs.conac.cn/sitename?method=show&id=5000000002000000000000000000000C",
    },
    theme: "classic",
    hosts: ["bgt.localhost"],
    consultationQuota: 3,
    columns: [
      { slug: "gzdt", name: "工作动态" },
      { slug: "tzgg", name: "通知公告" },
      { slug: "jgtb", name: "监管通报" },
      {
        // The statutory reports the supervising unit publishes on its own site: its 政府信息公开年报, and
        // in 年度报表 both its site's 政府网站工作年度报表 and its 政府网站监管年度报表 (国办函〔2018〕12号).
        slug: "zfxxgk",
        name: "政府信息公开",
        kind: "DISCLOSURE",
        children: [
          { slug: "gknb", name: "政府信息公开年报" },
          { slug: "ndbb", name: "政府网站年度报表" },
        ],
      },
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
        consultationQuota: site.consultationQuota,
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
            intro: column.intro ?? null,
            nav: column.nav ?? true,
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
