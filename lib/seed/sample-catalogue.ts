import { institutionBody, sampleTitle } from "@/lib/seed/sample-text";
import { seedSiteReports } from "@/lib/seed/site-report";
import { annualReportBody, applyBody, footerPages, guideBody, planBody, rulesBody } from "@/lib/seed/sample-pages";
import { add, DAY, spreadDate, type Context } from "@/lib/seed/sample-context";
import { linkPublishedReport, seedReportInPreparation } from "@/lib/seed/disclosure-report";

// The 政府信息公开 catalogue's fixed items (指南, 依申请公开, 制度, 机构职能, 规划/财政/重大项目,
// 年报) and the single pages (概况 and the footer pages) of one site's sample content.

export async function seedCatalogue(context: Context) {
  const { site } = context;
  const pageAt = new Date(context.now.getTime() - 90 * DAY);
  await add(context, {
    kind: "SINGLE_PAGE",
    title: sampleTitle(`${site.unit.name}政府信息公开指南`),
    blocks: guideBody(site.unit.name, site.contact),
    slugs: [site.columns.guide],
    at: pageAt,
  });
  await add(context, {
    kind: "SINGLE_PAGE",
    title: sampleTitle("依申请公开"),
    blocks: applyBody(site.unit.name, site.contact),
    slugs: [site.columns.apply],
    at: pageAt,
  });
  const rules = ["政府信息公开保密审查制度", "政府信息公开工作考核制度", "政策解读工作制度", "政务舆情回应制度"];
  for (const [index, rule] of rules.entries()) {
    const title = sampleTitle(`${site.selfName}${rule}`);
    await add(context, {
      kind: "ARTICLE",
      title,
      blocks: rulesBody(rule),
      slugs: [site.columns.rules],
      at: new Date(context.now.getTime() - (100 + index * 30) * DAY),
    });
  }
  for (const [index, unit] of site.units.entries()) {
    await add(context, {
      kind: "INSTITUTION",
      title: sampleTitle(`${unit}机构职能`),
      blocks: institutionBody(unit, site.duties(unit)),
      slugs: [site.columns.institutions],
      at: new Date(context.now.getTime() - (80 + index) * DAY),
    });
  }
  for (const { slug, titles } of site.columns.plans) {
    for (const [index, plan] of titles.entries()) {
      const title = sampleTitle(plan);
      await add(context, {
        kind: "ARTICLE",
        title,
        blocks: planBody(context.random, title),
        slugs: [slug],
        at: spreadDate(context, index, titles.length, 150),
      });
    }
  }
  // 年报: published by 1 月 31 日 of the next year (《政府信息公开条例》第四十九条).
  const year = Number(context.now.toISOString().slice(0, 4));
  for (let back = 1; back <= 5; back++) {
    const reportYear = year - back;
    const id = await add(context, {
      kind: back === 1 ? "DISCLOSURE_REPORT" : "ARTICLE",
      title: sampleTitle(`${site.unit.name}${reportYear}年政府信息公开工作年度报告`),
      blocks: annualReportBody(context.random, site.unit.name, reportYear),
      slugs: [site.columns.reports],
      at: new Date(`${reportYear + 1}-01-20T10:00:00+08:00`),
    });
    if (back === 1) await linkPublishedReport(context, reportYear, id);
  }
  await seedReportInPreparation(context, year);
  await seedSiteReports(context);
}

export async function seedPages(context: Context) {
  const { site } = context;
  const at = new Date(context.now.getTime() - 120 * DAY);
  if (site.columns.overview && site.overviewBlocks) {
    await add(context, {
      kind: "SINGLE_PAGE",
      title: sampleTitle("概况"),
      blocks: site.overviewBlocks,
      slugs: [site.columns.overview],
      at,
    });
  }
  for (const page of footerPages(site.siteName, site.unit.name, site.contact, site.siteCode)) {
    await add(context, {
      kind: "SINGLE_PAGE",
      title: sampleTitle(page.title),
      blocks: page.blocks,
      slugs: [page.slug],
      at,
    });
  }
}
