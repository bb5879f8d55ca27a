// 访问统计 (/admin/visits): labels of the page, its chart, its exports and its errors.

export const visitsMessages = {
  title: "访问统计",
  intro:
    "本平台自行统计门户网站的页面浏览量和独立访客，不使用第三方统计，不设置 Cookie，不保存访问者的 IP 地址：访客以当日随机盐值的散列区分，盐值次日销毁。",
  filters: { site: "网站", from: "起始日期", to: "截止日期", query: "查询" },
  totals: { heading: "合计", pageViews: "页面浏览量（PV）", uniqueVisitors: "独立访客（UV，按日累计）" },
  daily: { heading: "每日访问量", day: "日期", pageViews: "浏览量", uniqueVisitors: "独立访客" },
  chartAlt: (from: string, to: string) => `${from} 至 ${to} 每日浏览量与独立访客折线图，数据见下表`,
  topPages: { heading: "受访页面排行", key: "页面地址", count: "浏览量" },
  topTerms: { heading: "热门搜索词", key: "搜索词", count: "搜索次数" },
  topReferrers: { heading: "来源网站", key: "来源网站域名", count: "浏览量" },
  rank: "排名",
  none: "该时段暂无访问记录。",
  export: { csv: "导出 CSV", xlsx: "导出 Excel" },
  sheets: { daily: "每日访问量", pages: "受访页面", terms: "搜索词", referrers: "来源网站" },
  errors: {
    badDate: "日期格式应为 YYYY-MM-DD。",
    badSite: "网站参数不正确。",
    reversed: "起始日期不能晚于截止日期。",
    tooLong: "统计时段不能超过 366 天，请缩短后再查询。",
  },
} as const;
