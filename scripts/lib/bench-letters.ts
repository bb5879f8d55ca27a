// The letters of npm run bench:interaction: `count` letters over two years on the demo platform's two
// sites, written straight into the tables in batches (json_populate_recordset), as a platform that
// has run 政民互动 for two years would hold them: most closed and rated, some refused or merged, the
// last weeks' still open at every step, every letter with its clock, lead unit and approved reply
// once answered, and about a third selected for 留言选登 as published 留言答复 items (IMPORTED, as
// history brought over from an earlier system is). Each letter has its own password, hashed as
// intake hashes it (keyed HMAC, lib/interaction/letter-password.ts). Bench data only.
import { createHash, randomUUID } from "node:crypto";
import pg from "pg";
import { buildCalendar } from "@/lib/calendar/working-days";
import { getEnv } from "@/lib/env";
import { formatDate, formatDateTime } from "@/lib/format";
import { dueAfterHours, dueAfterWorkingDays } from "@/lib/interaction/clock";
import { hashLetterPassword } from "@/lib/interaction/letter-password";
import { CODE_ALPHABET, newLetterPassword } from "@/lib/interaction/query-code";
import { chinaToday } from "@/lib/time/china";

const BATCH = 4000;
const TWO_YEARS_MS = 2 * 365 * 86_400_000;

const PLACES = [
  "天星桥街道",
  "小龙坎街道",
  "磁器口",
  "沙坪坝正街",
  "井口镇",
  "歌乐山镇",
  "陈家桥街道",
  "大学城",
  "土主镇",
];
const TOPICS = [
  ["小区门口占道经营影响通行", "每天傍晚有摊贩在小区门口占道经营，车辆和行人无法正常通行，希望有关部门依法处理。"],
  ["公交线路调整建议", "早高峰时段公交车间隔过长，站台十分拥挤，建议增加班次或调整线路。"],
  ["老旧小区加装电梯政策咨询", "请问老旧小区加装电梯的补贴标准是多少，需要哪些申请材料，到哪个部门办理？"],
  ["夜间施工噪音扰民", "附近工地连续多日夜间施工到凌晨，噪音严重影响居民休息，请相关部门核查处理。"],
  ["医保异地备案办理流程", "本人长期在外地居住，想咨询医保异地就医备案的办理渠道和所需材料。"],
  ["道路积水问题反映", "每逢下雨路口就严重积水，行人只能绕行，希望尽快疏通排水管网。"],
  ["学位申请咨询", "今年秋季入学的学位申请什么时候开始，随迁子女需要准备哪些证明材料？"],
  ["关于增设充电桩的建议", "小区新能源汽车越来越多，现有充电桩数量不足，建议增设公共充电设施。"],
  ["网站栏目链接无法打开", "政务公开栏目下的部分政策文件链接点击后无法打开，请尽快修复。"],
  ["农贸市场环境卫生问题", "农贸市场周边垃圾清运不及时，气味很大，希望加强日常管理。"],
];
const REPLIES = [
  "经核实，您反映的问题属实。我单位已会同街道及有关部门进行现场处置，并将加强日常巡查，防止问题反弹。感谢您对我们工作的关心和支持。",
  "您好！根据现行政策规定，符合条件的申请人可向所在街道便民服务中心提交申请材料，具体办理流程和材料清单已在本网站办事服务栏目公布。如有疑问，请拨打咨询电话。",
  "感谢您的意见建议。我单位已将您的建议转交相关业务科室研究，将在下一阶段工作中统筹考虑。",
];
const NAMES = ["王五", "李明", "张丽", "陈刚", "刘芳", "赵强", "孙悦", "周杰"];
const RATINGS = ["SATISFIED", "SATISFIED", "SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"];

type Site = {
  id: string;
  types: { id: string; code: string; unitId: string; replyWorkingDays: number | null; replyHours: number | null }[];
  columnId: string;
};

/** The state of letter n, by its age: older letters are done with, the last weeks' at every step. */
function stateOf(n: number, ageDays: number): string {
  const r = n % 100;
  if (ageDays < 15) {
    if (ageDays < 1.5 && r < 30) return "PENDING";
    return (
      [
        "ACCEPTED",
        "ASSIGNED",
        "ASSIGNED",
        "HANDLING",
        "HANDLING",
        "HANDLING",
        "REVIEWING",
        "ANSWERED",
        "ANSWERED",
        "REJECTED",
      ] as const
    )[r % 10]!;
  }
  // A backlog: one in a hundred of the last three months still being handled, overdue.
  if (ageDays < 90 && r === 50) return "HANDLING";
  if (r < 5) return "REJECTED";
  if (r < 8) return "MERGED";
  if (r < 14) return "ANSWERED";
  return "CLOSED";
}

function randomCode(day: string, taken: Set<string>): string {
  for (;;) {
    let text = "";
    for (let i = 0; i < 6; i += 1) text += CODE_ALPHABET[Math.floor(Math.random() * CODE_ALPHABET.length)];
    const code = `${day.replaceAll("-", "")}${text}`;
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

const hoursAfter = (at: Date, hours: number) => new Date(at.getTime() + hours * 3_600_000);

/**
 * Loads `count` letters; returns a sample of `lookups` (查询码, password) pairs for the lookup load,
 * spread over every state and age.
 */
export async function seedBenchLetters(databaseUrl: string, count: number, lookups = 2000, now = new Date()) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Without AUTH_SECRET every password would be hashed with argon2 (12 ms each).
    if (!getEnv().AUTH_SECRET) throw new Error("AUTH_SECRET must be set before loading letters");
    const calendar = buildCalendar(
      (await client.query('select date, kind, name from "CalendarDay"')).rows as {
        date: Date;
        kind: "HOLIDAY" | "WORKDAY";
        name: string;
      }[],
    );
    const siteRows = (
      await client.query('select id, "siteCode" from "Site" where "siteCode" in ($1, $2) order by "siteCode" desc', [
        "5001060001",
        "5000000037",
      ])
    ).rows as { id: string }[];
    const sites: Site[] = [];
    for (const site of siteRows) {
      const types = (
        await client.query(
          'select id, code, "unitId", "replyWorkingDays", "replyHours" from "InteractionType" where "siteId" = $1 order by position',
          [site.id],
        )
      ).rows as Site["types"];
      const column = await client.query(
        `select id from "Column" where "siteId" = $1 and kind = 'INTERACTION' order by position limit 1`,
        [site.id],
      );
      sites.push({ id: site.id, types, columnId: column.rows[0].id });
    }
    const { id: handlerId } = (await client.query(`select id from "User" where username = 'handler'`)).rows[0] as {
      id: string;
    };
    const { id: deputyId } = (await client.query(`select id from "User" where username = 'deputy'`)).rows[0] as {
      id: string;
    };
    const units = new Map(
      ((await client.query('select id, name from "Organization"')).rows as { id: string; name: string }[]).map(
        (row) => [row.id, row.name],
      ),
    );
    const taken = new Set<string>();
    const sample: { queryCode: string; password: string; host: string }[] = [];
    const sampleEvery = Math.max(1, Math.floor(count / lookups));
    const published = { letters: 0 };

    for (let from = 0; from < count; from += BATCH) {
      const letters: Record<string, unknown>[] = [];
      const assignments: Record<string, unknown>[] = [];
      const replies: Record<string, unknown>[] = [];
      const resources: Record<string, unknown>[] = [];
      const revisions: Record<string, unknown>[] = [];
      const publications: Record<string, unknown>[] = [];
      const placements: Record<string, unknown>[] = [];
      for (let n = from; n < Math.min(count, from + BATCH); n += 1) {
        const receivedAt = new Date(now.getTime() - Math.round((n / count) * TWO_YEARS_MS) - (n % 97) * 1000);
        const ageDays = (now.getTime() - receivedAt.getTime()) / 86_400_000;
        const site = sites[n % 10 < 7 ? 0 : 1]!;
        // 领导信箱 25 %, 咨询 30 %, 投诉 20 %, 建议 20 %, 网站纠错 5 %.
        const slot = (n * 7) % 20;
        const type = site.types[slot < 5 ? 0 : slot < 11 ? 1 : slot < 15 ? 2 : slot < 19 ? 3 : 4]!;
        const state = stateOf(n, ageDays);
        const [topic, body] = TOPICS[n % TOPICS.length]!;
        const place = PLACES[n % PLACES.length]!;
        const name = NAMES[n % NAMES.length]!;
        const phone = `139${String(10_000_000 + ((n * 7919) % 89_999_999)).padStart(8, "0")}`;
        const accept = dueAfterWorkingDays(calendar, receivedAt, 1);
        const accepted = !["PENDING", "REJECTED", "MERGED"].includes(state);
        const acceptedAt = accepted || state === "REJECTED" ? hoursAfter(receivedAt, 3 + (n % 20)) : null;
        const reply = type.replyHours
          ? dueAfterHours(receivedAt, type.replyHours)
          : accepted
            ? dueAfterWorkingDays(calendar, acceptedAt!, type.replyWorkingDays ?? 7)
            : null;
        const answered = state === "ANSWERED" || state === "CLOSED";
        const answeredAt = answered
          ? new Date(Math.min(reply!.dueAt.getTime() - 3_600_000, now.getTime() - 60_000))
          : null;
        const channel = n % 20 === 3 ? "WECHAT" : n % 20 === 9 ? "HOTLINE" : "WEB";
        const consent = n % 5 !== 4;
        const id = randomUUID();
        const isPublished = answered && consent && n % 2 === 0;
        const resourceId = isPublished ? randomUUID() : null;
        const password = newLetterPassword();
        const queryCode = randomCode(chinaToday(receivedAt), taken);
        if (n % sampleEvery === 0 && sample.length < lookups)
          sample.push({ queryCode, password, host: site === sites[0] ? "localhost" : "wlw.localhost" });
        letters.push({
          id,
          siteId: site.id,
          typeId: type.id,
          queryCode,
          passwordHash: await hashLetterPassword(password),
          title: `${place}${topic}`,
          content: `${body}地点：${place}。联系人${name}，电话 ${phone}。`,
          writerName: name,
          writerPhone: phone,
          writerEmail: n % 3 === 0 ? `writer${n}@example.cn` : null,
          consentToPublish: consent,
          pageUrl: type.code === "correction" ? "https://www.spb.gov.cn/zwgk/" : null,
          channel,
          externalRef: channel === "WEB" ? null : `${channel === "WECHAT" ? "WX" : "12345-"}${1_000_000 + n}`,
          state,
          receivedAt,
          acceptDueAt: accept.dueAt,
          replyDueAt: reply?.dueAt ?? null,
          clock: { accept: accept.derivation, ...(reply ? { reply: reply.derivation } : {}) },
          createdAt: receivedAt,
          version: answered ? 6 : accepted ? 2 : 0,
          acceptedAt,
          rejectRoute: state === "REJECTED" ? "PETITION" : null,
          rejectReason: state === "REJECTED" ? "所反映事项属于信访事项，请通过信访渠道提出。" : null,
          answeredAt,
          rating: state === "CLOSED" ? RATINGS[n % RATINGS.length] : null,
          ratedAt: state === "CLOSED" ? hoursAfter(answeredAt!, 30) : null,
          reworkCount: 0,
          publicResourceId: resourceId,
        });
        if (!accepted) continue;
        assignments.push({
          id: randomUUID(),
          letterId: id,
          unitId: type.unitId,
          lead: true,
          assignedById: handlerId,
          assignedAt: hoursAfter(acceptedAt!, 1),
        });
        if (!answered) continue;
        const replyText = REPLIES[n % REPLIES.length]!;
        replies.push({
          id: randomUUID(),
          letterId: id,
          round: 1,
          unitId: type.unitId,
          body: replyText,
          authorId: handlerId,
          status: "APPROVED",
          reviewerId: deputyId,
          reviewedAt: answeredAt,
          createdAt: hoursAfter(answeredAt!, -4),
          updatedAt: answeredAt,
        });
        if (!resourceId) continue;
        published.letters += 1;
        const title = `关于${place}${topic}的留言`;
        const facts = `留言时间：${formatDateTime(receivedAt)}　受理日期：${formatDate(acceptedAt!)}　答复日期：${formatDate(answeredAt!)}　答复单位：${units.get(type.unitId)}`;
        const text = `${body}地点：${place}。联系人${name[0]}**，电话 139********。`;
        const doc = {
          type: "doc",
          content: [
            { type: "paragraph", content: [{ type: "text", text: facts }] },
            { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "留言内容" }] },
            { type: "paragraph", content: [{ type: "text", text }] },
            { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "答复内容" }] },
            { type: "paragraph", content: [{ type: "text", text: replyText }] },
          ],
        };
        const publishedAt = hoursAfter(answeredAt!, 20);
        const revisionId = randomUUID();
        const contentHash = createHash("sha256").update(JSON.stringify({ title, doc })).digest("hex");
        resources.push({
          id: resourceId,
          kind: "INTERACTION_REPLY",
          ownerOrgId: type.unitId,
          createdById: handlerId,
          title,
          state: "PUBLISHED",
          version: 1,
          createdAt: publishedAt,
          updatedAt: publishedAt,
        });
        revisions.push({
          id: revisionId,
          resourceId,
          number: 1,
          title,
          body: doc,
          bodyHtml: `<p>${facts}</p><h2>留言内容</h2><p>${text}</p><h2>答复内容</h2><p>${replyText}</p>`,
          metadata: { source: { type: "original" }, summary: facts, keywords: [], relations: [] },
          contentHash,
          authorId: handlerId,
          createdAt: publishedAt,
        });
        publications.push({ id: randomUUID(), resourceId, revisionId, origin: "IMPORTED", contentHash, publishedAt });
        placements.push({
          id: randomUUID(),
          columnId: site.columnId,
          resourceId,
          pinned: false,
          position: 0,
          createdAt: publishedAt,
        });
      }
      await client.query("begin");
      // Parents first: a letter references its public copy.
      for (const [table, rows] of [
        ["Resource", resources],
        ["Revision", revisions],
        ["Publication", publications],
        ["Placement", placements],
        ["Letter", letters],
        ["LetterAssignment", assignments],
        ["LetterReply", replies],
      ] as const)
        if (rows.length) {
          // Only the columns given: the others take their defaults.
          const columns = Object.keys(rows[0]!)
            .map((column) => `"${column}"`)
            .join(", ");
          await client.query(
            `insert into "${table}" (${columns}) select ${columns} from json_populate_recordset(null::"${table}", $1::json)`,
            [JSON.stringify(rows)],
          );
        }
      await client.query("commit");
    }
    await client.query(
      'analyze "Letter"; analyze "LetterAssignment"; analyze "LetterReply"; analyze "Resource"; analyze "Revision"; analyze "Publication"; analyze "Placement"',
    );
    return { sample, published: published.letters };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
