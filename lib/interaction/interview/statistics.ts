import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { chinaDayStart, chinaYear } from "@/lib/time/china";
import { parseInput } from "@/lib/validation/parse";

// 在线访谈 counts of the 政府网站工作年度报表 (国办函〔2018〕12号, 互动交流): 访谈期数, 网民留言数量 and
// 答复网民提问数量, per site and year. An interview counts in the year (China time) it was held,
// once it has closed; its questions count with it: every question received (留言), and every
// question a guest answered (答复), each once however many guests answered it.

export type InterviewCounts = { sessions: number; questions: number; answered: number };

export async function countInterviews(db: Db, siteId: string, year: number): Promise<InterviewCounts> {
  const from = chinaDayStart(`${year}-01-01`);
  const to = chinaDayStart(`${year + 1}-01-01`);
  const [row] = await db.$queryRaw<{ sessions: bigint; questions: bigint; answered: bigint }[]>`
    select count(*) as sessions,
           coalesce(sum((select count(*) from "InterviewQuestion" q where q."interviewId" = i.id)), 0)::bigint as questions,
           coalesce(sum((select count(distinct p."questionId") from "InterviewPost" p
                          where p."interviewId" = i.id and p.kind = 'ANSWER' and p."questionId" is not null
                            and p."retractedAt" is null)), 0)::bigint as answered
      from "Interview" i
     where i."siteId" = ${siteId}::uuid and i.status = 'CLOSED' and i."startsAt" >= ${from} and i."startsAt" < ${to}`;
  return {
    sessions: Number(row?.sessions ?? 0),
    questions: Number(row?.questions ?? 0),
    answered: Number(row?.answered ?? 0),
  };
}

export const ZStatisticsQuery = z.object({
  year: z.coerce.number({ message: "年度不正确" }).int().min(2000, "年度不正确").max(2100, "年度不正确").optional(),
});

/** The counts of every site whose unit the actor may see interviews of, for one year. */
export async function getInterviewStatistics(actor: Principal | null, input: unknown = {}) {
  assertHoldsRoleFor(actor, "interview.view");
  const year = parseInput(ZStatisticsQuery, input).year ?? chinaYear();
  const db = getDb();
  const can = await createPermissionChecker(actor);
  const sites = (
    await db.site.findMany({ orderBy: { position: "asc" }, select: { id: true, name: true, orgId: true } })
  ).filter((site) => can("interview.view", { orgId: site.orgId }));
  const rows = [];
  for (const site of sites)
    rows.push({ siteId: site.id, siteName: site.name, ...(await countInterviews(db, site.id, year)) });
  return { year, rows };
}
