import { E2E } from "./env";

// Content for the home-page composer journey, made through the product's own use cases against the
// e2e server's database (as its editors and reviewers would, review included): articles with title
// images for the focus block, two leaders (领导之窗) with photos and ranks, and a 专题 column with a
// banner. The 专题 column is written directly: the column form does not offer the TOPIC kind yet.
// Publishing here announces its purges like any other process (lib/subscribers.ts).

export const HOME_FIXTURE = {
  leadersColumn: { slug: "e2e-ldzc", name: "区政府领导" },
  topicsColumn: { slug: "e2e-zt", name: "专题专栏示例" },
  topic: { slug: "e2e-xczx", name: "乡村振兴示例专题" },
  focusTitles: ["示例：区政府召开防汛工作部署会（焦点图）", "示例：沙坪坝区开展全民健身月活动（焦点图）"],
  leaders: [
    { name: "李示例", post: "区长（示例）", rank: 0 },
    { name: "王示例", post: "副区长（示例）", rank: 1 },
  ],
} as const;

async function lib() {
  // The e2e server's database and files, whatever this shell's own ports are.
  process.env.EMBEDDED_PG_PORT = String(E2E.pgPort);
  process.env.DATA_DIR = E2E.dataDir;
  delete process.env.DATABASE_URL;
  const [db, session, resources, content, instances, admin, subscribers] = await Promise.all([
    import("../../lib/db/client"),
    import("../../lib/auth/session"),
    import("../../lib/library/resources"),
    import("../../lib/library/content"),
    import("../../lib/review/instances"),
    import("../../lib/sites/admin"),
    import("../../lib/subscribers"),
  ]);
  subscribers.registerSubscribers();
  return { getDb: db.getDb, loadActor: session.loadActor, ...resources, ...content, ...instances, ...admin };
}

/** Creates the journey's content; `imageSrc` is an image the editor uploaded (/api/assets/<id>). */
export async function prepareHomeBlocksContent(imageSrc: string) {
  const l = await lib();
  const db = l.getDb();
  const actor = async (username: string) => {
    const user = await db.user.findUniqueOrThrow({ where: { username } });
    const session = await db.session.create({ data: { userId: user.id } });
    return (await l.loadActor(user.id, session.id))!;
  };
  const siteadmin = await actor("siteadmin");
  const editor = await actor("editor");
  const reviewer = await actor("reviewer");
  const deputy = await actor("deputy");
  const site = await db.site.findFirstOrThrow({ where: { hosts: { some: { host: "localhost" } } } });
  const column = (input: { slug: string; name: string; parentId?: string }) =>
    l.saveColumn(siteadmin, {
      siteId: site.id,
      parentId: input.parentId ?? "",
      kind: "LIST",
      linkUrl: "",
      position: 20,
      ...input,
    });
  const leaders = await column(HOME_FIXTURE.leadersColumn);
  const topics = await column(HOME_FIXTURE.topicsColumn);
  await db.column.create({
    data: {
      siteId: site.id,
      parentId: topics.id,
      kind: "TOPIC",
      bannerSrc: imageSrc,
      intro: "示例专题：展示专题横幅在首页的样子。",
      ...HOME_FIXTURE.topic,
    },
  });
  const ownerOrgId = (await db.organization.findFirstOrThrow({ where: { name: "区政府办公室政务公开科" } })).id;
  const ywdt = await db.column.findFirstOrThrow({ where: { siteId: site.id, slug: "ywdt" } });

  const publish = async (kind: "ARTICLE" | "LEADER", title: string, metadata: object, columnId: string) => {
    const resource = await l.createResource(editor, { kind, ownerOrgId });
    const { revision } = await l.saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 0,
      title,
      body: l.blocksToDoc([{ type: "paragraph", text: `${title}。本条为演示用示例内容。` }]),
      metadata: { source: { type: "original" }, ...metadata },
    });
    const instance = await l.submitForReview(editor, {
      resourceId: resource.id,
      baseVersion: revision.number,
      publishMode: "ON_APPROVAL",
      columnIds: [columnId],
    });
    for (const check of ["politics", "law", "policy", "secrecy", "wording"])
      await l.signOff(reviewer, {
        instanceId: instance.id,
        stagePosition: 0,
        check,
        decision: "APPROVE",
        contentHash: revision.contentHash,
      });
    await l.signOff(deputy, {
      instanceId: instance.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: revision.contentHash,
    });
  };
  for (const title of HOME_FIXTURE.focusTitles)
    await publish("ARTICLE", title, { titleImage: { src: imageSrc, alt: "示例图片" } }, ywdt.id);
  // Published in the reverse of their rank: the block orders them by rank.
  for (const leader of [...HOME_FIXTURE.leaders].reverse())
    await publish(
      "LEADER",
      `${leader.name}（示例）`,
      { leader: { ...leader, duties: "示例分工。", photo: { src: imageSrc, alt: `${leader.name}照片` } } },
      leaders.id,
    );
  await db.$disconnect();
}
