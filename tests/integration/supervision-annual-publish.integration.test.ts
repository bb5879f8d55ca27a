import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { getSiteReport } from "@/lib/reports/website-annual/view";
import { saveReportFigure } from "@/lib/reports/website-annual/entry";
import { signReport } from "@/lib/reports/website-annual/sign-off";
import { publishReport } from "@/lib/reports/website-annual/publish";
import { signOff } from "@/lib/review/instances";
import { seedSampleContent } from "@/lib/seed/samples";
import { actorsFor, fileDb } from "./helpers";

// #29, what the review left: the supervising unit (重庆市人民政府办公厅) publishes its 监管年度报表 on
// its own site in the seeded demo (platform and sample content) — its site has the 年度报表 column under 政府信息公开 (lib/seed/sites.ts),
// so publication is no longer refused; the 电子政务处's head signs the review and the portal shows it.

const YEAR = new Date().getFullYear() - 1;
let supervisor: Actor;
let egovDeputy: Actor;
let rootId: string;

beforeAll(async () => {
  await fileDb();
  await seedSampleContent(getDb());
  [supervisor, egovDeputy] = await actorsFor("supervisor", "egov-deputy");
  rootId = (await getDb().organization.findFirstOrThrow({ where: { kind: "SUPERVISING" } })).id;
}, 180_000);

describe("the 监管年度报表 in the seeded demo", () => {
  it("gives the supervising unit's site the statutory report columns", async () => {
    const site = await getDb().site.findFirstOrThrow({
      where: { name: "重庆市人民政府办公厅" },
      include: { columns: { include: { parent: true } } },
    });
    const byName = (name: string) => site.columns.find((column) => column.name === name);
    expect(byName("政府网站年度报表")?.parent?.name).toBe("政府信息公开");
    expect(byName("政府信息公开年报")?.parent?.name).toBe("政府信息公开");
    // Not left empty: an earlier year's report is on show in each (no 空白栏目 on the demo).
    for (const name of ["政府网站年度报表", "政府信息公开年报"])
      expect(await getDb().placement.count({ where: { columnId: byName(name)!.id } })).toBeGreaterThan(0);
  });

  it("fills, signs and publishes it through review into the office site's 年度报表 column", async () => {
    const ref = { kind: "supervision", subjectId: rootId, period: String(YEAR) };
    const opened = await getSiteReport(supervisor, ref);
    let version = opened.version;
    const composed = opened.composed;
    const signFields = new Set(["单位负责人", "审核人", "填报人", "联系电话", "填报日期"]);
    for (const key of composed.missing.filter((missing) => !signFields.has(missing))) {
      await saveReportFigure(supervisor, { ...ref, version, key, value: "1", reason: "据处置台账（测试）" });
      version += 1;
    }
    await signReport(supervisor, {
      ...ref,
      version,
      单位负责人: "市政府办公厅负责同志",
      审核人: "电子政务处处长",
      填报人: "陈立新",
      联系电话: "023-63893000",
    });
    version += 1;
    const { resourceId, reviewInstanceId } = await publishReport(supervisor, { ...ref, version });

    const db = getDb();
    const column = await db.column.findFirstOrThrow({
      where: { slug: "ndbb", site: { name: "重庆市人民政府办公厅" } },
    });
    const instance = await db.reviewInstance.findUniqueOrThrow({
      where: { id: reviewInstanceId },
      include: { revision: true },
    });
    await signOff(egovDeputy, {
      instanceId: reviewInstanceId,
      stagePosition: 0,
      decision: "APPROVE",
      contentHash: instance.revision.contentHash,
    });
    expect(await db.publication.count({ where: { resourceId, withdrawnAt: null } })).toBe(1);
    const placements = await db.placement.findMany({ where: { resourceId } });
    expect(placements.map((placement) => placement.columnId)).toEqual([column.id]);
    const resource = await db.resource.findUniqueOrThrow({ where: { id: resourceId } });
    expect(resource).toMatchObject({
      title: `重庆市人民政府办公厅${YEAR}年度政府网站监管年度报表`,
      // The 电子政务处 keeps the site: the report is its item, as the 监管通报 are.
      ownerOrgId: (await db.organization.findFirstOrThrow({ where: { name: "电子政务处" } })).id,
    });
    expect((await getSiteReport(supervisor, ref)).state).toBe("PUBLISHED");
  });
});
