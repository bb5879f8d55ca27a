import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { getStatistics } from "@/lib/statistics/view";
import { actorFor, fileDb, makeUser } from "./helpers";
import { refused } from "./support/interaction";
import { columnId } from "./support/review";
import { china, makeItem, makeMember, makeReview, makeUnit } from "./support/statistics";

// Issue #29 item 2 on the real database: 稿件统计 of two units over the first quarter of 2025,
// written with chosen times, against figures counted by hand — per unit, person, column, kind and
// month; first publications split into 原创 and 转载; review turnaround per stage (median and P90 by
// linear interpolation); and who may see which unit.

let supervisor: Actor;
let unitA: string;
let unitB: string;
let sectionA: string;
let a1: string;
let a2: string;
let b1: string;
let news: string;
let notices: string;
const QUARTER = { from: "2025-01", to: "2025-03" };

beforeAll(async () => {
  await fileDb();
  supervisor = await actorFor("supervisor");
  unitA = (await makeUnit("重庆市统计局", "重庆市人民政府办公厅")).id;
  sectionA = (await makeUnit("综合统计处", "重庆市统计局", "SECTION")).id;
  unitB = (await makeUnit("重庆市大足区人民政府", "重庆市人民政府办公厅")).id;
  a1 = (await makeMember("tj-editor", "周统计", unitA)).id;
  a2 = (await makeMember("tj-section", "钱处员", sectionA)).id;
  b1 = (await makeMember("dz-editor", "孙大足", unitB)).id;
  news = await columnId("ywdt");
  notices = await columnId("tzgg");

  // 1: written and first published in January (原创), corrected in February.
  const one = await makeItem({
    orgId: unitA,
    authorId: a1,
    title: "一季度全市规模以上工业增加值同比增长",
    createdAt: china("2025-01-10T09:00:00"),
    publishedAt: china("2025-01-12T10:00:00"),
    corrections: [china("2025-02-03T11:00:00")],
    columnIds: [news],
  });
  // 2: a section's notice, written in January, published in February as a 转载, then withdrawn.
  const two = await makeItem({
    orgId: sectionA,
    authorId: a2,
    kind: "NOTICE",
    title: "关于开展第五次全国经济普查的通知",
    createdAt: china("2025-01-20T15:00:00"),
    publishedAt: china("2025-02-01T08:30:00"),
    reprint: true,
    withdrawnAt: china("2025-02-10T16:00:00"),
    columnIds: [news],
  });
  // 3: a draft of February, never published.
  const three = await makeItem({
    orgId: unitA,
    authorId: a1,
    title: "统计执法检查工作情况（草稿）",
    createdAt: china("2025-02-05T10:00:00"),
  });
  // 4: unit B's policy, written before the period and published in it.
  const four = await makeItem({
    orgId: unitB,
    authorId: b1,
    kind: "POLICY",
    title: "大足区促进石刻文化旅游发展若干措施",
    createdAt: china("2024-12-30T17:00:00"),
    publishedAt: china("2025-01-02T09:00:00"),
    columnIds: [notices],
  });
  // 5: written at 01:00 on 1 April in Beijing (still 31 March in UTC): outside the quarter.
  await makeItem({ orgId: unitB, authorId: b1, title: "四月稿件", createdAt: china("2025-04-01T01:00:00") });
  // 6: written at 23:00 on 31 March in Beijing: inside it.
  const six = await makeItem({
    orgId: unitA,
    authorId: a1,
    title: "三月末稿件",
    createdAt: china("2025-03-31T23:00:00"),
  });
  // Not 稿件 (a media file) and not counted (in the 回收站).
  await makeItem({ orgId: unitA, authorId: a1, kind: "MEDIA", title: "图片", createdAt: china("2025-01-15T09:00:00") });
  await makeItem({
    orgId: unitA,
    authorId: a1,
    title: "回收站",
    createdAt: china("2025-01-16T09:00:00"),
    trashed: true,
  });

  const checks = "五关审核";
  const direct = "直接责任人审核";
  // Item 1: checks done at +4 h (the last of two signatures), 直接责任人 at +10 h: stages 4 h and 6 h, whole 10 h.
  await makeReview({
    resourceId: one.resource.id,
    revisionId: one.revision.id,
    submittedById: a1,
    submittedAt: china("2025-01-11T08:00:00"),
    status: "APPROVED",
    completedAfterHours: 10,
    signOffs: [
      { position: 0, name: checks, userId: b1, hours: 2 },
      { position: 0, name: checks, userId: b1, hours: 4 },
      { position: 1, name: direct, userId: b1, hours: 10 },
    ],
  });
  // Item 2: 1 h and 2 h, whole 3 h.
  await makeReview({
    resourceId: two.resource.id,
    revisionId: two.revision.id,
    submittedById: a2,
    submittedAt: china("2025-01-30T08:00:00"),
    status: "APPROVED",
    completedAfterHours: 3,
    signOffs: [
      { position: 0, name: checks, userId: b1, hours: 1 },
      { position: 1, name: direct, userId: b1, hours: 3 },
    ],
  });
  // Item 6: 8 h, then returned by the 直接责任人 12 h later (a stage over, not an approval).
  await makeReview({
    resourceId: six.resource.id,
    revisionId: six.revision.id,
    submittedById: a1,
    submittedAt: china("2025-03-20T08:00:00"),
    status: "RETURNED",
    completedAfterHours: 20,
    signOffs: [
      { position: 0, name: checks, userId: b1, hours: 8 },
      { position: 1, name: direct, userId: b1, hours: 20, decision: "RETURN" },
    ],
  });
  // Item 3: running, its checks done after 5 h, waiting for the 直接责任人: the checks count.
  await makeReview({
    resourceId: three.resource.id,
    revisionId: three.revision.id,
    submittedById: a1,
    submittedAt: china("2025-02-06T08:00:00"),
    status: "IN_PROGRESS",
    currentStage: 1,
    signOffs: [{ position: 0, name: checks, userId: b1, hours: 5 }],
  });
  // Item 4: running, one check of five signed: the stage is not over and does not count.
  await makeReview({
    resourceId: four.resource.id,
    revisionId: four.revision.id,
    submittedById: b1,
    submittedAt: china("2025-03-01T08:00:00"),
    status: "IN_PROGRESS",
    currentStage: 0,
    signOffs: [{ position: 0, name: checks, userId: a1, hours: 1 }],
  });
});

const figures = (values: Partial<Record<string, number>>) =>
  expect.objectContaining({
    written: 0,
    submitted: 0,
    adopted: 0,
    published: 0,
    returned: 0,
    withdrawn: 0,
    corrected: 0,
    original: 0,
    reprinted: 0,
    ...values,
  });

describe("稿件统计 counted by hand", () => {
  it("counts per unit, sections under their unit, with the original share of first publications", async () => {
    const view = await getStatistics(supervisor, QUARTER);
    expect(view.platform).toBe(true);
    const row = (id: string) => view.rows.unit.find((unit) => unit.key === id);
    expect(row(unitA)!.figures).toEqual(
      figures({ written: 4, published: 2, original: 1, reprinted: 1, corrected: 1, withdrawn: 1 }),
    );
    expect(row(unitB)!.figures).toEqual(figures({ published: 1, original: 1 }));
    // The section is not a row of its own.
    expect(view.rows.unit.some((unit) => unit.key === sectionA)).toBe(false);
  });

  it("counts per month in Beijing time, per person, per kind and per column", async () => {
    const view = await getStatistics(supervisor, { ...QUARTER, unitId: unitA });
    expect(view.rows.month.map((row) => row.key)).toEqual(["2025-01", "2025-02", "2025-03"]);
    expect(view.rows.month.map((row) => row.figures)).toEqual([
      figures({ written: 2, published: 1, original: 1 }),
      figures({ written: 1, published: 1, reprinted: 1, corrected: 1, withdrawn: 1 }),
      figures({ written: 1 }),
    ]);
    const person = (id: string) => view.rows.person.find((row) => row.key === id);
    expect(person(a1)).toMatchObject({
      label: "周统计",
      figures: figures({ written: 3, published: 1, original: 1, corrected: 1 }),
    });
    expect(person(a2)).toMatchObject({
      label: "钱处员",
      figures: figures({ written: 1, published: 1, reprinted: 1, withdrawn: 1 }),
    });
    expect(view.rows.person).toHaveLength(2);
    const kind = (key: string) => view.rows.kind.find((row) => row.key === key)!.figures;
    expect(kind("ARTICLE")).toEqual(figures({ written: 3, published: 1, original: 1, corrected: 1 }));
    expect(kind("NOTICE")).toEqual(figures({ written: 1, published: 1, reprinted: 1, withdrawn: 1 }));
    expect(kind("POLICY")).toEqual(figures({}));
    expect(view.total).toEqual(
      figures({ written: 4, published: 2, original: 1, reprinted: 1, corrected: 1, withdrawn: 1 }),
    );
    // Only placed items have a column: items 1 and 2, both in 沙坪坝要闻.
    expect(view.rows.column).toEqual([
      expect.objectContaining({
        key: news,
        label: expect.stringContaining("沙坪坝要闻"),
        figures: figures({ written: 2, published: 2, original: 1, reprinted: 1, corrected: 1, withdrawn: 1 }),
      }),
    ]);
  });

  it("filters by column and by kind", async () => {
    const byColumn = await getStatistics(supervisor, { ...QUARTER, columnId: notices, unitId: unitB });
    expect(byColumn.total).toEqual(figures({ published: 1, original: 1 }));
    const byKind = await getStatistics(supervisor, { ...QUARTER, unitId: unitA, kind: "NOTICE" });
    expect(byKind.total).toEqual(figures({ written: 1, published: 1, reprinted: 1, withdrawn: 1 }));
    expect(byKind.rows.kind.map((row) => row.key)).toEqual(["NOTICE"]);
  });

  it("measures review turnaround per stage: median and P90 by linear interpolation", async () => {
    const view = await getStatistics(supervisor, { ...QUARTER, unitId: unitA });
    // 五关审核: 4, 1, 8, 5 h → sorted 1, 4, 5, 8: median 4.5; P90 at 2.7 → 5 + 0.7 × 3 = 7.1.
    // 直接责任人审核: 6, 2, 12 h → median 6; P90 at 1.8 → 6 + 0.8 × 6 = 10.8.
    // 全程 (approved only): 10, 3 h → median 6.5; P90 at 0.9 → 3 + 0.9 × 7 = 9.3.
    expect(view.turnaround).toEqual([
      { stage: "五关审核", position: 0, count: 4, median: 4.5, p90: 7.1 },
      { stage: "直接责任人审核", position: 1, count: 3, median: 6, p90: 10.8 },
      { stage: "", position: 2147483647, count: 2, median: 6.5, p90: 9.3 },
    ]);
    // Unit B's only review has one check of five signed: nothing is over.
    expect((await getStatistics(supervisor, { ...QUARTER, unitId: unitB })).turnaround).toEqual([]);
  });
});

describe("who sees which unit", () => {
  it("shows a unit's staff their own unit and refuses another's", async () => {
    const editor = await makeUser("tj-viewer", "EDITOR", "综合统计处");
    const own = await getStatistics(editor, QUARTER);
    expect(own.units.map((unit) => unit.id)).toEqual([unitA]);
    expect(own.platform).toBe(false);
    expect(own.total.written).toBe(4);
    await refused(() => getStatistics(editor, { ...QUARTER, unitId: unitB }), "NOT_FOUND");
    // A column of a site outside the actor's view is not a filter they may use.
    await refused(() => getStatistics(editor, { ...QUARTER, columnId: notices }), "NOT_FOUND");
  });

  it("refuses a role without statistics, and bad filters with a Chinese message", async () => {
    const handler = await makeUser("tj-handler", "INTERACTION_HANDLER", "重庆市统计局");
    await refused(() => getStatistics(handler, QUARTER), "FORBIDDEN");
    await refused(() => getStatistics(null, QUARTER), "UNAUTHENTICATED");
    await refused(() => getStatistics(supervisor, { from: "2025-13" }), "INVALID");
    await refused(() => getStatistics(supervisor, { from: "2025-03", to: "2025-01" }), "INVALID");
    await refused(() => getStatistics(supervisor, { from: "2020-01", to: "2025-01" }), "INVALID");
    await refused(() => getStatistics(supervisor, { kind: "MEDIA" }), "INVALID");
    await refused(() => getStatistics(supervisor, { unitId: "not-a-uuid" }), "INVALID");
  });
});
