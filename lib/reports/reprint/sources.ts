import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, fromPrismaError, invalid, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { zText } from "@/lib/validation/text";
import { zHttpUrl } from "@/lib/validation/url";

// 转载源: the supervising unit names an upper-level feed (中国政府网, 重庆市人民政府网), the sites
// that must reprint from it, and whether it is fetched. Subscribing a site starts its queue from
// now: what the source published before is not that site's backlog.

type Context = Partial<RequestContext>;

export const ZReprintSource = z.object({
  sourceId: z.uuid().optional(),
  version: z.coerce.number().int().min(1).optional(),
  name: zText({ singleLine: true, message: "名称不能含有换行或控制字符" })
    .trim()
    .min(1, "请填写转载源名称")
    .max(50, "名称不超过 50 字"),
  feedUrl: zHttpUrl("信息源地址须为 http:// 或 https:// 开头的完整网址"),
  siteIds: z.array(z.uuid("网站不正确")).max(200).default([]),
  enabled: z.coerce.boolean().default(false),
});
export type TReprintSourceInput = z.input<typeof ZReprintSource>;

export async function listReprintSources(actor: Principal | null) {
  await assertCan(actor, "reprint.source.manage", "platform");
  const db = getDb();
  const [sources, sites] = await Promise.all([
    db.reprintSource.findMany({
      orderBy: { createdAt: "asc" },
      include: {
        subscriptions: { include: { site: { select: { id: true, name: true } } } },
        _count: { select: { entries: true } },
      },
    }),
    db.site.findMany({ orderBy: { position: "asc" }, select: { id: true, name: true } }),
  ]);
  return { sources, sites };
}

export async function saveReprintSource(actor: Principal | null, input: unknown, context: Context = {}) {
  const data = parseInput(ZReprintSource, input);
  const role = await assertCan(actor, "reprint.source.manage", "platform");
  const db = getDb();
  try {
    return await db.$transaction(async (tx) => {
      const siteIds = [...new Set(data.siteIds)];
      if ((await tx.site.count({ where: { id: { in: siteIds } } })) !== siteIds.length)
        throw invalid("所选网站不存在。", { siteIds: ["所选网站不存在"] });
      let sourceId = data.sourceId;
      if (sourceId) {
        if (!data.version) throw invalid("请刷新页面后重试。");
        const { count } = await tx.reprintSource.updateMany({
          where: { id: sourceId, version: data.version },
          data: { name: data.name, feedUrl: data.feedUrl, enabled: data.enabled, version: { increment: 1 } },
        });
        if (count === 0) {
          if (!(await tx.reprintSource.findUnique({ where: { id: sourceId } }))) throw notFound();
          throw conflict("该转载源已被他人修改，请刷新页面后再试。");
        }
        await tx.reprintSubscription.deleteMany({ where: { sourceId, siteId: { notIn: siteIds } } });
      } else {
        sourceId = (
          await tx.reprintSource.create({ data: { name: data.name, feedUrl: data.feedUrl, enabled: data.enabled } })
        ).id;
      }
      await tx.reprintSubscription.createMany({
        data: siteIds.map((siteId) => ({ sourceId: sourceId!, siteId })),
        skipDuplicates: true,
      });
      await recordAudit(tx, {
        actorId: actor!.id,
        role,
        action: data.sourceId ? "reprint.source.update" : "reprint.source.create",
        subject: `reprint-source:${sourceId}`,
        data: { name: data.name, feedUrl: data.feedUrl, enabled: data.enabled, sites: siteIds.length },
        ...context,
      });
      return { id: sourceId };
    });
  } catch (error) {
    return fromPrismaError(error, { conflict: "已有相同地址的转载源。" });
  }
}
