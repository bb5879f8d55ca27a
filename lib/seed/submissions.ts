import type { Tx } from "@/lib/db/client";
import type { SubmissionEventKind, SubmissionState } from "@/lib/db/generated/enums";
import { blocksToDoc } from "@/lib/library/content";
import { createPublishedItem } from "@/lib/seed/seed-items";
import { SAMPLE_MARK, SAMPLE_NOTE } from "@/lib/seed/sample-text";

// 报送 and 采用 in the demo (seed 004: 信息员报送): the district portal takes submissions (来稿);
// 沙坪坝区教育委员会, a district department without a site of its own, submits its news through its
// 信息员 and 信息主管. One item was adopted into 部门动态 (the same library item, 资源同享), one was
// returned with a reason, one waits for the desk, and two approved items are ready to be submitted.

const DAY = 24 * 60 * 60_000;

type DemoSubmission = {
  title: string;
  paragraphs: string[];
  daysAgo: number;
  state: SubmissionState | null;
  reason?: string;
};

const ITEMS: DemoSubmission[] = [
  {
    title: "沙坪坝区2026年秋季学期义务教育招生入学工作平稳完成",
    paragraphs: [
      "今年秋季学期，全区义务教育阶段共招收新生1.2万余人，其中小学一年级新生6800余人、初中一年级新生5600余人，招生入学工作平稳有序。",
      "区教委坚持“免试、就近、公平”原则，全面推行网上报名，严格落实公办民办学校同步招生，保障进城务工人员随迁子女平等接受义务教育。",
    ],
    daysAgo: 9,
    state: "ADOPTED",
  },
  {
    title: "区教委举办2026年中小学教师教学基本功大赛",
    paragraphs: [
      "11月中旬，区教委举办全区中小学教师教学基本功大赛，来自全区58所学校的230余名青年教师参赛。",
      "大赛设教学设计、课堂展示、板书和现场答辩等环节，旨在提升青年教师专业素养。",
    ],
    daysAgo: 6,
    state: "RETURNED",
    reason: "稿件以活动过程为主，缺少成效和数据，且与本网站已发布的同类信息重复。请补充大赛成果后重新报送。",
  },
  {
    title: "区教委开展中小学校园食品安全专项检查",
    paragraphs: [
      "为切实保障师生饮食安全，区教委联合区市场监管局，对全区中小学校和幼儿园食堂开展食品安全专项检查。",
      "检查组重点查看了食材采购索证索票、加工操作规范、餐具清洗消毒和留样记录等环节，对发现的问题当场反馈、限期整改。",
    ],
    daysAgo: 2,
    state: "SUBMITTED",
  },
  {
    title: "沙坪坝区新增3所公办幼儿园投入使用",
    paragraphs: [
      "近日，沙坪坝区新建的3所公办幼儿园正式投入使用，新增学位1080个，进一步缓解了片区“入园难”问题。",
      "新建幼儿园均按照市级示范幼儿园标准配置，区教委将持续推进普惠性学前教育资源扩容。",
    ],
    daysAgo: 1,
    state: null,
  },
  {
    title: "区教委召开2026年冬季校园安全工作会议",
    paragraphs: [
      "区教委召开全区教育系统冬季校园安全工作会议，部署冬季消防、交通、防溺水和用电安全等重点工作。",
      "会议要求各校落实安全主体责任，开展隐患排查整治，确保师生平安度过寒假。",
    ],
    daysAgo: 1,
    state: null,
  },
];

export async function seedSubmissions(
  tx: Tx,
  orgIds: Map<string, string>,
  userIds: Map<string, string>,
  columnIds: Map<string, string>,
  unitCode: string,
) {
  const site = await tx.site.findFirstOrThrow({ where: { orgId: orgIds.get("district")! } });
  await tx.site.update({ where: { id: site.id }, data: { acceptsSubmissions: true } });
  const unitId = orgIds.get("district-education")!;
  const officer = userIds.get("jw-officer")!;
  const desk = userIds.get("editor")!;
  const column = columnIds.get("district/bmdt")!;
  const now = Date.now();
  for (const item of ITEMS) {
    const publishedAt = new Date(now - (item.daysAgo + 1) * DAY);
    const resourceId = await createPublishedItem(tx, {
      kind: "ARTICLE",
      ownerOrgId: unitId,
      authorId: officer,
      title: `${SAMPLE_MARK}${item.title}`,
      body: blocksToDoc([...item.paragraphs, SAMPLE_NOTE].map((text) => ({ type: "paragraph", text }))),
      metadata: { source: { type: "original" } },
      publishedAt,
      columnIds: [],
      indexUnit: { id: unitId, code: unitCode },
    });
    if (!item.state) continue;
    const revision = await tx.revision.findFirstOrThrow({ where: { resourceId }, select: { id: true } });
    const submittedAt = new Date(now - item.daysAgo * DAY);
    const decidedAt = new Date(submittedAt.getTime() + 3 * 60 * 60_000);
    const adopted = item.state === "ADOPTED";
    const returned = item.state === "RETURNED";
    const submission = await tx.submission.create({
      data: {
        resourceId,
        revisionId: revision.id,
        fromOrgId: unitId,
        submittedById: officer,
        toSiteId: site.id,
        state: item.state,
        reason: item.reason ?? null,
        columnIds: adopted ? [column] : [],
        submittedAt,
        ...(adopted ? { adoptedAt: decidedAt, adoptedById: desk, publishedAt: decidedAt } : {}),
        ...(returned ? { returnedAt: decidedAt, returnedById: desk } : {}),
        version: item.state === "SUBMITTED" ? 1 : 2,
        updatedAt: item.state === "SUBMITTED" ? submittedAt : decidedAt,
      },
    });
    if (adopted) await tx.placement.create({ data: { columnId: column, resourceId } });
    const events: { kind: SubmissionEventKind; toState: SubmissionState; userId: string; at: Date }[] = [
      { kind: "SUBMIT", toState: "SUBMITTED", userId: officer, at: submittedAt },
    ];
    if (adopted) {
      events.push({ kind: "ADOPT", toState: "ADOPTED", userId: desk, at: decidedAt });
      events.push({ kind: "PUBLISH", toState: "ADOPTED", userId: desk, at: decidedAt });
    }
    if (returned) events.push({ kind: "RETURN", toState: "RETURNED", userId: desk, at: decidedAt });
    for (const [index, event] of events.entries()) {
      await tx.submissionEvent.create({
        data: {
          submissionId: submission.id,
          kind: event.kind,
          fromState: index === 0 ? null : event.kind === "PUBLISH" ? "ADOPTED" : "SUBMITTED",
          toState: event.toState,
          userId: event.userId,
          orgId: index === 0 ? unitId : site.orgId,
          note: event.kind === "RETURN" ? (item.reason ?? null) : null,
          columnIds: adopted && index > 0 ? [column] : [],
          at: event.at,
        },
      });
    }
  }
}
