import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { ResourceKind } from "@/lib/db/generated/client";
import { interactionAnnualFigures } from "@/lib/interaction/annual-figures";
import { fileDb, orgId } from "./helpers";

// The 互动交流 figures of the 政府网站工作年度报表 against a site seeded here with known letters,
// consultations, interviews and Q&A entries of 2025, and some just outside it; every expected
// figure is counted by hand in the comments.

const UNIT = "重庆市沙坪坝区人民政府";
const at = (value: string) => new Date(`${value}+08:00`);
let siteId = "";
let columnId = "";
let typeId = "";
let authorId = "";
let serial = 0;

async function resource(kind: ResourceKind, publishedAt: Date | null, withdrawnAt: Date | null = null) {
  const db = getDb();
  const res = await db.resource.create({
    data: { kind, ownerOrgId: await orgId(UNIT), createdById: authorId, state: "PUBLISHED", title: "测试", version: 1 },
  });
  const revision = await db.revision.create({
    data: {
      resourceId: res.id,
      number: 1,
      title: "测试",
      body: { type: "doc", content: [] },
      bodyHtml: "",
      metadata: {},
      contentHash: `h${res.id}`,
      authorId,
    },
  });
  if (publishedAt)
    await db.publication.create({
      data: { resourceId: res.id, revisionId: revision.id, origin: "IMPORTED", publishedAt, withdrawnAt },
    });
  return res;
}

async function letter(data: {
  receivedAt: Date;
  answeredAt?: Date | null;
  state?: "PENDING" | "ANSWERED" | "CLOSED" | "MERGED" | "HANDLING";
  channel?: "WEB" | "NATIONAL" | "HOTLINE";
  publicResourceId?: string;
}) {
  serial += 1;
  return getDb().letter.create({
    data: {
      siteId,
      typeId,
      queryCode: `2025ANNUAL${String(serial).padStart(4, "0")}`,
      passwordHash: "x",
      title: "年度统计用留言",
      content: "年度统计用留言内容",
      writerName: "测试",
      writerPhone: "13800000000",
      consentToPublish: true,
      acceptDueAt: data.receivedAt,
      clock: {},
      receivedAt: data.receivedAt,
      answeredAt: data.answeredAt ?? null,
      state: data.state ?? "PENDING",
      channel: data.channel ?? "WEB",
      externalRef: data.channel === "NATIONAL" ? `N${serial}` : null,
      publicResourceId: data.publicResourceId ?? null,
    },
  });
}

async function consultation(data: {
  closesAt: Date;
  state?: "PUBLISHED" | "CANCELLED" | "DRAFT";
  responses?: number;
  comments?: ("PENDING" | "APPROVED" | "REJECTED")[];
  feedback?: "published" | "withdrawn" | "draft";
}) {
  const db = getDb();
  const feedback =
    data.feedback === "published"
      ? await resource("CONSULTATION_RESULT", data.closesAt)
      : data.feedback === "withdrawn"
        ? await resource("CONSULTATION_RESULT", data.closesAt, data.closesAt)
        : data.feedback === "draft"
          ? await resource("CONSULTATION_RESULT", null)
          : null;
  const row = await db.consultation.create({
    data: {
      siteId,
      columnId,
      kind: "SURVEY",
      title: "年度统计用问卷",
      intro: "说明",
      opensAt: new Date(data.closesAt.getTime() - 10 * 86_400_000),
      closesAt: data.closesAt,
      state: data.state ?? "PUBLISHED",
      createdById: authorId,
      feedbackResourceId: feedback?.id ?? null,
    },
  });
  for (let index = 0; index < (data.responses ?? 0); index += 1)
    await db.consultationResponse.create({
      data: { consultationId: row.id, participantKey: `p${index}`, formNonce: `${row.id}-r${index}`, answers: {} },
    });
  for (const [index, status] of (data.comments ?? []).entries())
    await db.consultationComment.create({
      data: { consultationId: row.id, authorName: "网友", body: "意见", formNonce: `${row.id}-c${index}`, status },
    });
  return row;
}

async function interview(data: {
  startsAt: Date;
  status?: "ANNOUNCED" | "LIVE" | "CLOSED";
  questions: number;
  /** For each answered question (by index), how many guest answers, and whether one is retracted. */
  answers?: { question: number; count: number; retracted?: boolean }[];
}) {
  const db = getDb();
  const row = await db.interview.create({
    data: {
      siteId,
      topic: "年度统计用访谈",
      summary: "摘要",
      startsAt: data.startsAt,
      endsAt: new Date(data.startsAt.getTime() + 3_600_000),
      status: data.status ?? "CLOSED",
      createdById: authorId,
    },
  });
  const questions = [];
  for (let index = 0; index < data.questions; index += 1)
    questions.push(
      await db.interviewQuestion.create({ data: { interviewId: row.id, nickname: "网友", content: `提问${index}` } }),
    );
  for (const answer of data.answers ?? [])
    for (let index = 0; index < answer.count; index += 1)
      await db.interviewPost.create({
        data: {
          interviewId: row.id,
          kind: "ANSWER",
          questionId: questions[answer.question]!.id,
          body: "答复",
          postedById: authorId,
          retractedAt: answer.retracted ? data.startsAt : null,
        },
      });
  return row;
}

beforeAll(async () => {
  const db = await fileDb();
  authorId = (await db.user.findUniqueOrThrow({ where: { username: "editor" } })).id;
  const site = await db.site.create({
    data: {
      name: "年度报表测试网站",
      siteCode: "5000009901",
      orgId: await orgId(UNIT),
      position: 201,
      hosts: { create: { host: "annual-figures.localhost" } },
    },
  });
  siteId = site.id;
  columnId = (await db.column.create({ data: { siteId, name: "征集调查", slug: "zjdc" } })).id;
  typeId = (
    await db.interactionType.create({
      data: {
        siteId,
        code: "mailbox",
        name: "领导信箱",
        category: "MAILBOX",
        description: "",
        unitId: await orgId(UNIT),
        replyWorkingDays: 5,
      },
    })
  ).id;

  // 留言办理. Received in 2025: five of the site's own (WEB, HOTLINE); the merged duplicate, the
  // national platform's message and the two outside the year (2024-12-31 23:59, 2026-01-01 00:00
  // China time) are not. Closed: three, taking 2, 1.5 and 0.5 days → average 4 / 3 = 1.3.
  // Public replies: the public copies first published in 2025 and live: two (a withdrawn one and
  // one published in 2026 are not counted; a public copy is counted in the year it is published).
  const livePublic = await resource("INTERACTION_REPLY", at("2025-03-10T10:00:00"));
  const laterPublic = await resource("INTERACTION_REPLY", at("2026-01-03T10:00:00"));
  const withdrawnPublic = await resource("INTERACTION_REPLY", at("2025-04-10T10:00:00"), at("2025-05-01T10:00:00"));
  const oldYearPublic = await resource("INTERACTION_REPLY", at("2025-01-05T10:00:00"));
  await letter({
    receivedAt: at("2025-03-01T09:00:00"),
    answeredAt: at("2025-03-03T09:00:00"),
    state: "CLOSED",
    publicResourceId: livePublic.id,
  });
  await letter({
    receivedAt: at("2025-06-01T09:00:00"),
    answeredAt: at("2025-06-02T21:00:00"),
    state: "ANSWERED",
    channel: "HOTLINE",
    publicResourceId: withdrawnPublic.id,
  });
  await letter({
    receivedAt: at("2025-12-31T12:00:00"),
    answeredAt: at("2026-01-01T00:00:00"),
    state: "ANSWERED",
    publicResourceId: laterPublic.id,
  });
  await letter({ receivedAt: at("2025-01-01T00:00:00"), state: "HANDLING" });
  await letter({ receivedAt: at("2025-07-01T00:00:00"), state: "PENDING" });
  await letter({ receivedAt: at("2025-07-02T00:00:00"), state: "MERGED" });
  await letter({
    receivedAt: at("2025-07-03T00:00:00"),
    answeredAt: at("2025-07-04T00:00:00"),
    state: "ANSWERED",
    channel: "NATIONAL",
  });
  await letter({
    receivedAt: at("2024-12-31T23:59:00"),
    answeredAt: at("2025-01-02T00:00:00"),
    state: "CLOSED",
    publicResourceId: oldYearPublic.id,
  });
  await letter({ receivedAt: at("2026-01-01T00:00:00"), state: "PENDING" });

  // 征集调查 closed in 2025 and published: three (a cancelled one, a draft, and one closing on
  // 2026-01-01 00:00 China time are not). Opinions: 4 + (2 + 1 pending, 1 rejected not) + 0 = 7.
  // Results published: one (the withdrawn and the draft feedback do not count).
  await consultation({
    closesAt: at("2025-03-31T18:00:00"),
    responses: 4,
    feedback: "published",
  });
  await consultation({
    closesAt: at("2025-08-31T18:00:00"),
    comments: ["APPROVED", "APPROVED", "PENDING", "REJECTED"],
    feedback: "withdrawn",
  });
  await consultation({ closesAt: at("2025-12-31T23:59:00"), feedback: "draft" });
  await consultation({ closesAt: at("2025-05-01T18:00:00"), state: "CANCELLED", responses: 9 });
  await consultation({ closesAt: at("2025-05-01T18:00:00"), state: "DRAFT" });
  await consultation({ closesAt: at("2026-01-01T00:00:00"), responses: 5, feedback: "published" });

  // 在线访谈 held in 2025 and closed: two (one still announced and one of 2024 are not).
  // Questions: 5 + 2 = 7. Answered: question 0 (two guests: once), question 1; question 2's only
  // answer was retracted; in the second interview question 0 → 3.
  await interview({
    startsAt: at("2025-04-15T10:00:00"),
    questions: 5,
    answers: [
      { question: 0, count: 2 },
      { question: 1, count: 1 },
      { question: 2, count: 1, retracted: true },
    ],
  });
  await interview({ startsAt: at("2025-11-15T10:00:00"), questions: 2, answers: [{ question: 0, count: 1 }] });
  await interview({ startsAt: at("2025-12-15T10:00:00"), status: "ANNOUNCED", questions: 4 });
  await interview({ startsAt: at("2024-12-15T10:00:00"), questions: 3, answers: [{ question: 0, count: 1 }] });
}, 120_000);

describe("interactionAnnualFigures: 互动交流 of the 政府网站工作年度报表", () => {
  it("counts every figure of 2025 as counted by hand, with the template's names and a source", async () => {
    const figures = await interactionAnnualFigures(getDb(), { siteId, year: 2025 });
    const values = Object.fromEntries(
      Object.entries(figures)
        .filter(([, figure]) => typeof figure === "object")
        .map(([, figure]) => [(figure as { label: string }).label, (figure as { value: unknown }).value]),
    );
    expect(values).toEqual({
      是否使用统一平台: true,
      收到留言数量: 5,
      办结留言数量: 3,
      平均办理时间: 1.3,
      公开答复数量: 2,
      征集调查期数: 3,
      收到意见数量: 7,
      公布调查结果期数: 1,
      访谈期数: 2,
      网民留言数量: 7,
      答复网民提问数量: 3,
      是否提供智能问答: false,
    });
    for (const figure of Object.values(figures).filter((value) => typeof value === "object"))
      expect((figure as { source: string }).source.length).toBeGreaterThan(10);
    expect(figures.lettersReceived).toMatchObject({ group: "留言办理", unit: "条" });
    expect(figures.consultations).toMatchObject({ group: "征集调查", unit: "期" });
    expect(figures.letterAverageDays).toMatchObject({ unit: "天" });
  });

  it("answers zeros and an empty average for a year without activity", async () => {
    const figures = await interactionAnnualFigures(getDb(), { siteId, year: 2023 });
    expect(figures.lettersReceived.value).toBe(0);
    expect(figures.letterAverageDays.value).toBeNull();
    expect(figures.consultations.value).toBe(0);
    expect(figures.interviews.value).toBe(0);
  });

  it("says 是 to 智能问答 once a Q&A entry is published on the site in the year", async () => {
    const db = getDb();
    const qa = await resource("QA", at("2025-02-01T10:00:00"));
    await db.placement.create({ data: { columnId, resourceId: qa.id } });
    expect((await interactionAnnualFigures(db, { siteId, year: 2025 })).smartQa.value).toBe(true);
    expect((await interactionAnnualFigures(db, { siteId, year: 2024 })).smartQa.value).toBe(false);
  });

  it("gives the demo sites their figures without failing", async () => {
    const db = getDb();
    for (const site of await db.site.findMany({ where: { id: { not: siteId } } })) {
      const figures = await interactionAnnualFigures(db, { siteId: site.id, year: 2026 });
      expect(figures.lettersReceived.value).toBeGreaterThanOrEqual(0);
    }
  });
});
