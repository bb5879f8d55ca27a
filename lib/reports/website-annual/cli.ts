import type { Db } from "@/lib/db/client";
import { chinaToday } from "@/lib/time/china";
import { composeReport, templateJson } from "@/lib/reports/website-annual/compose";
import { findReport, FIRST_YEAR, loadSite } from "@/lib/reports/website-annual/access";
import { WEBSITE_ANNUAL } from "@/lib/reports/website-annual/template";

// `npm run report:website-annual -- --site <网站标识码> --year <year>`: a site's 政府网站工作年度报表
// as JSON whose keys are the template's group and field names, for automation (e.g. filling the
// 全国政府网站信息报送系统). The signed snapshot once signed, else the figures as they stand. Run by
// whoever holds the database (no web session), so it reads only.

export type CliResult = { code: number; out: string };

export function parseCliArgs(argv: readonly string[]): { site: string; year: string } | string {
  const value = (name: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const site = value("--site");
  const year = value("--year");
  if (!site || site.startsWith("--")) return "请用 --site 指定网站标识码";
  if (!year || year.startsWith("--")) return "请用 --year 指定年度";
  return { site, year };
}

export async function websiteAnnualCli(db: Db, argv: readonly string[], now: Date = new Date()): Promise<CliResult> {
  const args = parseCliArgs(argv);
  if (typeof args === "string")
    return { code: 2, out: `${args}，例如：npm run report:website-annual -- --site 5001000001 --year 2025` };
  const thisYear = Number(chinaToday(now).slice(0, 4));
  if (!/^\d{4}$/.test(args.year)) return { code: 2, out: `年度“${args.year}”不正确，应为四位数字` };
  const year = Number(args.year);
  if (year < FIRST_YEAR || year > thisYear) return { code: 2, out: `年度应在 ${FIRST_YEAR} 到 ${thisYear} 之间` };
  const site = await loadSite(db, { siteCode: args.site });
  if (!site) return { code: 1, out: `没有网站标识码为“${args.site}”的网站` };
  const ref = { kind: "WEBSITE_ANNUAL" as const, slug: "website" as const, subjectId: site.id, year, month: 0 };
  const report = await findReport(db, ref);
  const composed = await composeReport(
    db,
    ref,
    { template: WEBSITE_ANNUAL, orgId: site.orgId, orgName: site.orgName, site },
    report,
  );
  return { code: 0, out: JSON.stringify(templateJson(composed), null, 2) };
}
