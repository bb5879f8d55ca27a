import { getDb } from "@/lib/db/client";
import { chinaDay, chineseDay } from "@/lib/calendar/working-days";
import { messages } from "@/lib/i18n/zh-CN";
import { tagPage } from "@/lib/cache/render-scope";
import { getOrgTree } from "@/lib/org/tree";
import { getRegion } from "@/lib/registry/region";
import { MATRIX_CACHE_TAG, PLATFORMS } from "@/lib/registry/schemas";

const t = messages.newMedia;

/**
 * The public matrix of a site: accounts of the site's unit and every unit below it (来政办发〔2021〕30号
 * 第二十条: 归集展示辖区的政务新媒体), grouped by unit in the organization tree's order, with the
 * cancellations now announced (注销公告). No contact details: they are not public.
 */
export async function getNewMediaMatrix(siteOrgId: string) {
  tagPage(MATRIX_CACHE_TAG);
  const db = getDb();
  const tree = await getOrgTree();
  // Depth-first, siblings by position: the unit, then the units below it.
  const ordered = tree.get(siteOrgId) ? [siteOrgId, ...tree.descendants(siteOrgId)] : [];
  const accounts = await db.newMediaAccount.findMany({
    where: { orgId: { in: ordered }, status: { in: ["ACTIVE", "SUSPENDED", "CANCELLING"] } },
    select: {
      id: true,
      orgId: true,
      platform: true,
      name: true,
      handle: true,
      status: true,
      cancelAnnouncedAt: true,
      cancelEffectiveOn: true,
      cancelNotice: true,
    },
  });
  const units = ordered
    .map((orgId) => ({
      orgId,
      unit: tree.get(orgId)?.name ?? "",
      accounts: accounts
        .filter((account) => account.orgId === orgId)
        .sort((a, b) => PLATFORMS.indexOf(a.platform) - PLATFORMS.indexOf(b.platform))
        .map((account) => ({
          id: account.id,
          platform: account.platform,
          platformLabel: t.platforms[account.platform],
          name: account.name,
          handle: account.handle,
          status: account.status,
          cancelEffectiveOn: account.cancelEffectiveOn ? account.cancelEffectiveOn.toISOString().slice(0, 10) : null,
        })),
    }))
    .filter((unit) => unit.accounts.length > 0);
  const announcements = accounts
    .filter((account) => account.status === "CANCELLING" && account.cancelEffectiveOn)
    .sort((a, b) => (b.cancelAnnouncedAt?.getTime() ?? 0) - (a.cancelAnnouncedAt?.getTime() ?? 0))
    .map((account) => ({
      id: account.id,
      unit: tree.get(account.orgId)?.name ?? "",
      platformLabel: t.platforms[account.platform],
      name: account.name,
      announcedOn: account.cancelAnnouncedAt ? chinaDay(account.cancelAnnouncedAt) : null,
      effectiveOn: account.cancelEffectiveOn!.toISOString().slice(0, 10),
      effectiveOnText: chineseDay(account.cancelEffectiveOn!.toISOString().slice(0, 10)),
      notice: account.cancelNotice ?? "",
    }));
  return { region: await getRegion(db), units, announcements };
}
