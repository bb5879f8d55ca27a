import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/validation/parse";

// The back-office queue (/admin/interaction): letters of the units the actor handles or reviews
// for — the type's unit and every unit a letter was sent to — newest first, by state and channel.

const ZFilter = z.object({
  state: z
    .enum(["PENDING", "ACCEPTED", "REJECTED", "ASSIGNED", "HANDLING", "REVIEWING", "ANSWERED", "CLOSED", "MERGED"], {
      message: "未知的留言状态",
    })
    .optional(),
  channel: z
    .enum(["WEB", "WECHAT", "WEIBO", "HOTLINE", "MEDIA_CENTER", "NATIONAL"], { message: "未知的留言来源" })
    .optional(),
});

export async function listLetters(actor: Principal | null, filter: unknown = {}) {
  assertHoldsRoleFor(actor, "interaction.view");
  const { state, channel } = parseInput(ZFilter, filter);
  const can = await createPermissionChecker(actor);
  const units = await getDb().organization.findMany({ select: { id: true } });
  const visible = units.filter((unit) => can("interaction.view", { orgId: unit.id })).map((unit) => unit.id);
  const letters = await getDb().letter.findMany({
    where: {
      ...(state ? { state } : {}),
      ...(channel ? { channel } : {}),
      OR: [{ type: { unitId: { in: visible } } }, { assignments: { some: { unitId: { in: visible } } } }],
    },
    orderBy: { receivedAt: "desc" },
    take: 200,
    include: { type: { select: { name: true } }, site: { select: { name: true } } },
  });
  return letters.map((letter) => ({
    id: letter.id,
    queryCode: letter.queryCode,
    title: letter.title,
    typeName: letter.type.name,
    siteName: letter.site.name,
    channel: letter.channel,
    externalRef: letter.externalRef,
    state: letter.state,
    receivedAt: letter.receivedAt,
    acceptDueAt: letter.acceptDueAt,
    replyDueAt: letter.replyDueAt,
  }));
}
