import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { SEED_STATE_KEY } from "@/lib/seed/demo-platform";
import { SITES } from "@/lib/seed/sites";
import { seedSiteSamples } from "@/lib/seed/sample-site";
import { seedSupervisionSamples } from "@/lib/seed/supervision";
import { seedDisclosureRequests } from "@/lib/seed/disclosure-requests";
import type { SiteSamples } from "@/lib/seed/sample-context";
import { overviewBody } from "@/lib/seed/sample-pages";
import {
  CULTURE_LEADERS,
  CULTURE_UNITS,
  DEPARTMENT_DUTIES,
  DEPARTMENTS,
  DISTRICT_LEADERS,
} from "@/lib/seed/sample-text";

// The demo platform's sample content (示例): a few hundred items on the two demo sites, so that a
// fresh `npm start` shows a portal with every column filled. A step of its own, after the demo
// platform (lib/seed/demo-platform.ts): `npm start` and `db:seed` run both; integration tests seed
// only the platform, unless a test asks for the samples. Idempotent: a PlatformState row marks it.

export const SAMPLE_STATE_KEY = "demo-samples";

export async function isSampleContentSeeded(db: Db): Promise<boolean> {
  return (await db.platformState.findUnique({ where: { key: SAMPLE_STATE_KEY } })) !== null;
}

type SiteKey = "district" | "culture";

function siteSamples(key: SiteKey, unit: SiteSamples["unit"], authorId: string): SiteSamples {
  const seed = SITES.find((site) => site.key === key)!;
  const common = { key, siteName: seed.name, siteCode: seed.siteCode, unit, authorId, contact: seed.contact };
  if (key === "district") {
    return {
      ...common,
      culture: false,
      selfName: "区政府",
      units: DEPARTMENTS,
      duties: (name) => DEPARTMENT_DUTIES[name as (typeof DEPARTMENTS)[number]] ?? "本部门职责范围内的工作",
      leaders: DISTRICT_LEADERS,
      docPrefix: "示例区发",
      overviewBlocks: overviewBody(),
      columns: {
        headlines: "ywdt",
        news: "bmdt",
        notices: "tzgg",
        leaders: "ldzc",
        overview: "zjspb",
        guide: "zfxxgkzn",
        rules: "zfxxgkzd",
        institutions: "jgzn",
        policies: "zcwj",
        interpretations: "zcjd",
        plans: [
          {
            slug: "ghxx",
            titles: ["国民经济和社会发展规划纲要（示例）", "国土空间分区规划（示例）", "城市更新专项规划（示例）"],
          },
          {
            slug: "czxx",
            titles: ["区级部门预算公开说明（示例）", "区级决算公开说明（示例）", "“三公”经费预决算情况（示例）"],
          },
          { slug: "zdxm", titles: ["重大建设项目批准和实施情况（示例）", "重点民生项目进展情况（示例）"] },
        ],
        reports: "gknb",
        apply: "ysqgk",
        topics: [
          { slug: "yshj", name: "优化营商环境" },
          { slug: "mssx", name: "民生实事" },
          { slug: "sthj", name: "生态环境保护" },
        ],
      },
    };
  }
  return {
    ...common,
    culture: true,
    selfName: "市文化旅游委",
    units: CULTURE_UNITS,
    duties: (name) => `全市文化和旅游领域${name.replace(/处$/, "")}相关工作`,
    leaders: CULTURE_LEADERS,
    docPrefix: "示例文旅发",
    columns: {
      headlines: "wlyw",
      news: null,
      notices: "tzgg",
      leaders: "ldzc",
      overview: null,
      guide: "zfxxgkzn",
      rules: "zfxxgkzd",
      institutions: "jgzn",
      policies: "zcwj",
      interpretations: "zcjd",
      plans: [],
      reports: "gknb",
      apply: "ysqgk",
      topics: [
        { slug: "whly", name: "文旅融合发展" },
        { slug: "ggwh", name: "公共文化服务" },
      ],
    },
  };
}

/** Seeds the sample content once, on a platform the demo seed has created. */
export async function seedSampleContent(
  db: Db,
  options: { now?: Date } = {},
): Promise<{ seeded: boolean; items: number }> {
  if (await isSampleContentSeeded(db)) return { seeded: false, items: 0 };
  const now = options.now ?? new Date();
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(7245003)`;
      if (await tx.platformState.findUnique({ where: { key: SAMPLE_STATE_KEY } })) return { seeded: false, items: 0 };
      if (!(await tx.platformState.findUnique({ where: { key: SEED_STATE_KEY } })))
        throw new Error("sample content needs the demo platform: seed it first");

      const author = await tx.user.findUniqueOrThrow({ where: { username: "editor" } });
      // The supervising unit's seeded documents: the ones the samples interpret (解读).
      const office = await tx.organization.findFirstOrThrow({ where: { kind: "SUPERVISING" } });
      const seedPolicies = await tx.resource.findMany({
        where: { kind: "POLICY", ownerOrgId: office.id, placements: { some: { column: { slug: "sjwj" } } } },
        orderBy: { updatedAt: "asc" },
        select: { id: true },
      });
      let items = 0;
      for (const key of ["district", "culture"] as const) {
        const seed = SITES.find((site) => site.key === key)!;
        const site = await tx.site.findUniqueOrThrow({
          where: { siteCode: seed.siteCode },
          include: { org: true, columns: { select: { id: true, slug: true } } },
        });
        const unit = { id: site.org.id, code: site.org.code, name: site.org.name };
        items += await seedSiteSamples(tx, siteSamples(key, unit, author.id), {
          now,
          columnIds: new Map(site.columns.map((column) => [column.slug, column.id])),
          interpretedSeedPolicyIds: seedPolicies.map((policy) => policy.id),
        });
        // 依申请公开: a handful of requests to the district in different states.
        if (key === "district")
          items += await seedDisclosureRequests(tx, { siteId: site.id, unitId: unit.id, unitName: unit.name, now });
      }
      // The supervising unit's site (kept by its 电子政务处): work news, earlier reports and the last 通报.
      const officeSite = await tx.site.findUnique({
        where: { siteCode: SITES.find((site) => site.key === "office")!.siteCode },
        include: { columns: { select: { id: true, slug: true } } },
      });
      if (officeSite)
        items += await seedSupervisionSamples(tx, {
          unit: { id: office.id, code: office.code },
          ownerOrgId: officeSite.orgId,
          authorId: (await tx.user.findUniqueOrThrow({ where: { username: "supervisor" } })).id,
          column: (slug) => officeSite.columns.find((column) => column.slug === slug)!.id,
          now,
        });
      await tx.platformState.create({ data: { key: SAMPLE_STATE_KEY, value: { at: now.toISOString(), items } } });
      await recordAudit(tx, { actorId: null, action: "platform.seed.samples", subject: "platform", data: { items } });
      return { seeded: true, items };
    },
    { timeout: 180_000 },
  );
}
