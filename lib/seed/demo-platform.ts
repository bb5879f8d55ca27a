import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Db, Tx } from "@/lib/db/client";
import type { OrgKind, Role } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { blocksToDoc } from "@/lib/library/content";
import { seedNewMediaAccounts } from "@/lib/seed/new-media";
import { seedChannels } from "@/lib/seed/channels";
import { seedSites } from "@/lib/seed/sites";
import { seedSupervision } from "@/lib/seed/supervision";
import { createPublishedItem, type SeedUnit } from "@/lib/seed/seed-items";
import { seedHomeBlocks } from "@/lib/seed/home-blocks";
import { seedReprints } from "@/lib/seed/reprints";
import { seedVisits } from "@/lib/seed/visits";
import { seedSubmissions } from "@/lib/seed/submissions";
import { seedInteractionTypes } from "@/lib/seed/interaction";
import { loadSeedSynonyms, seedSearchSynonyms } from "@/lib/seed/search-synonyms";

// The demo platform seeded on first start: a supervising unit, three host units with sections,
// two sites with column trees (lib/seed/sites), one demo user per role, and the five source
// documents of the project (prisma/seed-data/documents.json, prepared from shared/seeds) as
// library resources.
// Idempotent: a PlatformState row records that it ran, and the whole seed is one transaction.

export const SEED_STATE_KEY = "demo-seed";
export const CHECKS = ["politics", "law", "policy", "secrecy", "wording"] as const;

type OrgSeed = {
  key: string;
  name: string;
  shortName?: string;
  kind: OrgKind;
  code?: string;
  parent?: string;
};

const SUPERVISING_UNIT = "重庆市人民政府办公厅";

const ORGANIZATIONS: OrgSeed[] = [
  { key: "office", name: SUPERVISING_UNIT, shortName: "市政府办公厅", kind: "SUPERVISING", code: "115000000092841460" },
  { key: "office-egov", name: "电子政务处", kind: "SECTION", parent: "office" },
  { key: "office-disclosure", name: "政务公开处", kind: "SECTION", parent: "office" },
  {
    key: "district",
    name: "重庆市沙坪坝区人民政府",
    shortName: "沙坪坝区政府",
    kind: "HOST",
    code: "11500106009301572C",
    parent: "office",
  },
  { key: "district-office", name: "区政府办公室综合科", kind: "SECTION", parent: "district" },
  { key: "district-disclosure", name: "区政府办公室政务公开科", kind: "SECTION", parent: "district" },
  // A district department without a site of its own: it submits (报送) to the district portal.
  {
    key: "district-education",
    name: "重庆市沙坪坝区教育委员会",
    shortName: "沙坪坝区教委",
    kind: "HOST",
    code: "11500106MB1629518E",
    parent: "district",
  },
  {
    key: "culture",
    name: "重庆市文化和旅游发展委员会",
    shortName: "市文化旅游委",
    kind: "HOST",
    code: "11500000MB1503264W",
    parent: "office",
  },
  { key: "culture-office", name: "办公室", kind: "SECTION", parent: "culture" },
  { key: "culture-promotion", name: "宣传推广处", kind: "SECTION", parent: "culture" },
  {
    key: "housing",
    name: "重庆市住房和城乡建设委员会",
    shortName: "市住房城乡建委",
    kind: "HOST",
    code: "11500000009283705Q",
    parent: "office",
  },
  { key: "housing-office", name: "办公室", kind: "SECTION", parent: "housing" },
  { key: "housing-law", name: "政策法规处", kind: "SECTION", parent: "housing" },
];

type UserSeed = { username: string; displayName: string; org: string; role: Role; checks?: string[] };

/** One demo account per role; the usernames are fixed by issue #2 and named in README. */
export const DEMO_USERS: UserSeed[] = [
  { username: "admin", displayName: "系统管理员 周建国", org: "office", role: "SYSTEM_ADMIN" },
  { username: "secadmin", displayName: "安全管理员 吴晓峰", org: "office", role: "SECURITY_ADMIN" },
  { username: "auditor", displayName: "审计管理员 郑丽", org: "office", role: "AUDIT_ADMIN" },
  // Platform-wide: supervision covers every unit under the general office.
  { username: "supervisor", displayName: "陈立新", org: "office", role: "SUPERVISOR" },
  { username: "siteadmin", displayName: "林海", org: "district", role: "SITE_ADMIN" },
  { username: "editor", displayName: "张敏", org: "district-disclosure", role: "EDITOR" },
  { username: "officer", displayName: "李静", org: "district", role: "INFO_OFFICER" },
  { username: "reviewer", displayName: "王磊", org: "district", role: "CHECK_REVIEWER", checks: [...CHECKS] },
  { username: "deputy", displayName: "赵刚", org: "district", role: "DIRECT_RESPONSIBLE" },
  { username: "principal", displayName: "刘卫东", org: "district", role: "FIRST_RESPONSIBLE" },
  // 留言办理员: accepts, assigns and answers the district site's letters (政民互动).
  { username: "handler", displayName: "何晓琴", org: "district", role: "INTERACTION_HANDLER" },
  // 依申请公开: the district's 政府信息公开工作机构 — its officer handles requests, its head approves 延期.
  { username: "disclosure", displayName: "罗晓燕", org: "district", role: "DISCLOSURE_OFFICER" },
  { username: "disclosure-head", displayName: "邓国平", org: "district", role: "DISCLOSURE_HEAD" },
  // The culture commission (文旅委网站) runs seed 004's review: 供稿科室 → 信息员 → 信息主管. Its
  // 信息主管 also approves the replies to its site's letters; its 直接责任人 approves 延期 and hears
  // of overdue letters.
  { username: "wlw-handler", displayName: "孙丽娟", org: "culture", role: "INTERACTION_HANDLER" },
  { username: "wlw-disclosure", displayName: "许文静", org: "culture", role: "DISCLOSURE_OFFICER" },
  { username: "wlw-section", displayName: "黄志明", org: "culture-promotion", role: "SECTION_REVIEWER" },
  { username: "wlw-officer", displayName: "韩冰", org: "culture", role: "INFO_OFFICER" },
  { username: "wlw-supervisor", displayName: "唐建华", org: "culture", role: "INFO_SUPERVISOR" },
  { username: "wlw-deputy", displayName: "马志远", org: "culture", role: "DIRECT_RESPONSIBLE" },
  // 报送 (seed 004): the district department's 信息员 and 信息主管 submit to the district portal.
  { username: "jw-officer", displayName: "陈思远", org: "district-education", role: "INFO_OFFICER" },
  { username: "jw-supervisor", displayName: "刘晓梅", org: "district-education", role: "INFO_SUPERVISOR" },
  // 监管通报: the 电子政务处's head signs the quarterly bulletin the supervisor drafts.
  { username: "egov-deputy", displayName: "周晓东", org: "office-egov", role: "DIRECT_RESPONSIBLE" },
];

const ZSeedDocument = z.object({
  seedFile: z.string(),
  title: z.string().min(1),
  docNumber: z.string().nullable(),
  issuer: z.string().min(1),
  writtenOn: z.string().nullable(),
  publishedAt: z.string(),
  indexNumber: z.string().nullable(),
  genre: z.string(),
  addressee: z.string().nullable(),
  summary: z.string(),
  blocks: z.array(
    z.discriminatedUnion("type", [
      z.object({ type: z.literal("heading"), level: z.union([z.literal(2), z.literal(3)]), text: z.string() }),
      z.object({ type: z.literal("paragraph"), text: z.string() }),
    ]),
  ),
});
export type SeedDocument = z.infer<typeof ZSeedDocument>;

export const SEED_DOCUMENTS_PATH = path.resolve("prisma/seed-data/documents.json");

export async function loadSeedDocuments(file = SEED_DOCUMENTS_PATH): Promise<SeedDocument[]> {
  return z.array(ZSeedDocument).parse(JSON.parse(await fs.readFile(file, "utf8")));
}

function isOwnDocument(document: SeedDocument): boolean {
  return document.issuer === SUPERVISING_UNIT;
}

/**
 * Where each seed document is filed. The supervising unit's (Chongqing's) documents are 上级文件 of
 * the district and 政策文件 of the commission under it; documents of other governments (来宾, 晋城,
 * 吉林 …) are reprints kept in 学习借鉴 only, never filed as a government's own or 上级文件.
 */
export function placementsFor(document: SeedDocument): { site: string; column: string }[] {
  return isOwnDocument(document)
    ? [
        { site: "district", column: "sjwj" },
        { site: "culture", column: "zcwj" },
      ]
    : [{ site: "district", column: "xxjj" }];
}

export type SeedResult = { seeded: boolean };

export async function isDemoPlatformSeeded(db: Db): Promise<boolean> {
  return (await db.platformState.findUnique({ where: { key: SEED_STATE_KEY } })) !== null;
}

export async function seedDemoPlatform(db: Db, options: { password: string }): Promise<SeedResult> {
  if (await isDemoPlatformSeeded(db)) return { seeded: false };
  const documents = await loadSeedDocuments();
  const synonyms = await loadSeedSynonyms();
  const passwordHash = await hashPassword(options.password);

  return db.$transaction(
    async (tx) => {
      // Two starts racing: the second waits here, then finds the marker and does nothing.
      await tx.$executeRaw`select pg_advisory_xact_lock(7245002)`;
      if (await tx.platformState.findUnique({ where: { key: SEED_STATE_KEY } })) return { seeded: false };

      const orgIds = await seedOrganizations(tx);
      const userIds = await seedUsers(tx, orgIds, passwordHash);
      const columnIds = await seedSites(tx, orgIds);
      await seedInteractionTypes(tx, orgIds);
      // Seed 000: the unit's 主要负责人 is 第一责任人, its 分管负责人 直接责任人.
      await tx.responsibility.createMany({
        data: [
          { orgId: orgIds.get("district")!, kind: "FIRST", userId: userIds.get("principal")! },
          { orgId: orgIds.get("district")!, kind: "DIRECT", userId: userIds.get("deputy")! },
          { orgId: orgIds.get("culture")!, kind: "DIRECT", userId: userIds.get("wlw-deputy")! },
        ],
      });
      const office = ORGANIZATIONS.find((org) => org.key === "office")!;
      await seedDocuments(
        tx,
        documents,
        { id: orgIds.get("office")!, code: office.code ?? null },
        userIds.get("supervisor")!,
        columnIds,
      );
      // 政务新媒体台账: the demo units' registered accounts (channels are attached to them below).
      await seedNewMediaAccounts(tx, orgIds);
      await seedChannels(tx, orgIds);
      // 监管: the indicator framework and two inspected quarters (the scores' trend).
      await seedSupervision(tx);
      // 同义词 for government search (社保 = 社会保险, 一网通办 = 政务服务 …), editable under 搜索同义词.
      await seedSearchSynonyms(tx, synonyms);
      // 首页区块: each demo site's published home layout, over the columns created above.
      await seedHomeBlocks(tx);
      // Seed 004 (Jincheng): three-level submission review. The platform default (seed 000's five
      // checks, 直接责任人, 第一责任人 when flagged) is created by the migration.
      await tx.workflow.create({
        data: {
          name: "供稿三级审核（供稿科室、信息员、信息主管）",
          orgId: orgIds.get("culture")!,
          stages: {
            create: [
              { position: 0, name: "供稿科室审核", type: "ROLE_APPROVAL", role: "SECTION_REVIEWER" },
              { position: 1, name: "信息员审核", type: "ROLE_APPROVAL", role: "INFO_OFFICER" },
              { position: 2, name: "信息主管审核", type: "ROLE_APPROVAL", role: "INFO_SUPERVISOR" },
            ],
          },
        },
      });
      // 监管通报 are signed by the 电子政务处's head (its own workflow: nothing above it changes).
      await tx.workflow.create({
        data: {
          name: "监管通报签发（电子政务处）",
          orgId: orgIds.get("office-egov")!,
          stages: {
            create: [{ position: 0, name: "处室负责人签发", type: "ROLE_APPROVAL", role: "DIRECT_RESPONSIBLE" }],
          },
        },
      });

      // 转载: the district portal's upper-level source, its fast-track review and two waiting items.
      await seedReprints(tx, orgIds, columnIds);
      // 访问统计: the district portal's last two weeks of page views, searches and referrers.
      await seedVisits(tx, orgIds);
      // 报送 and 采用: the district portal's 来稿 from 沙坪坝区教育委员会, in each state.
      const education = ORGANIZATIONS.find((org) => org.key === "district-education")!;
      await seedSubmissions(tx, orgIds, userIds, columnIds, education.code!);

      await tx.platformState.create({
        data: { key: SEED_STATE_KEY, value: { at: new Date().toISOString(), documents: documents.length } },
      });
      await recordAudit(tx, {
        actorId: null,
        action: "platform.seed",
        subject: "platform",
        data: { organizations: orgIds.size, users: userIds.size, documents: documents.length },
      });
      return { seeded: true };
    },
    { timeout: 60_000 },
  );
}

async function seedOrganizations(tx: Tx): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [position, org] of ORGANIZATIONS.entries()) {
    const created = await tx.organization.create({
      data: {
        name: org.name,
        shortName: org.shortName ?? null,
        kind: org.kind,
        code: org.code ?? null,
        parentId: org.parent ? ids.get(org.parent)! : null,
        position,
      },
    });
    ids.set(org.key, created.id);
  }
  return ids;
}

async function seedUsers(tx: Tx, orgIds: Map<string, string>, passwordHash: string) {
  const ids = new Map<string, string>();
  for (const user of DEMO_USERS) {
    const created = await tx.user.create({
      data: {
        username: user.username,
        displayName: user.displayName,
        passwordHash,
        // Demo accounts skip the forced first password change and 2FA only while DEMO_MODE is on.
        isDemo: true,
        memberships: { create: { orgId: orgIds.get(user.org)!, role: user.role, checks: user.checks ?? [] } },
      },
    });
    ids.set(user.username, created.id);
  }
  return ids;
}

async function seedDocuments(
  tx: Tx,
  documents: SeedDocument[],
  owner: SeedUnit,
  authorId: string,
  columnIds: Map<string, string>,
) {
  for (const document of documents) {
    const own = isOwnDocument(document);
    // These documents were published by their issuers years before the platform existed; they
    // enter as 历史导入 (IMPORTED), not through review. New content goes through #5's workflow.
    // A document that came without an 索引号 gets the storing unit's next one, as a first save would.
    await createPublishedItem(tx, {
      kind: "POLICY",
      ownerOrgId: owner.id,
      authorId,
      indexUnit: owner,
      indexNumber: document.indexNumber,
      title: document.title,
      body: blocksToDoc(
        document.addressee ? [{ type: "paragraph", text: document.addressee }, ...document.blocks] : document.blocks,
      ),
      metadata: {
        summary: document.summary,
        source: own ? { type: "original" } : { type: "reprint", originName: document.issuer },
        keywords: ["政府网站", "政务新媒体"],
        themeCode: "0102",
        policy: {
          docNumber: document.docNumber,
          issuer: document.issuer,
          writtenOn: document.writtenOn,
          genre: document.genre,
          addressee: document.addressee,
        },
      },
      publishedAt: new Date(document.publishedAt),
      columnIds: placementsFor(document).map((placement) => columnIds.get(`${placement.site}/${placement.column}`)!),
    });
  }
}
