import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { blocksToDoc } from "@/lib/library/content";
import { saveRevision } from "@/lib/library/resources";
import { getChannelsVerifyReport } from "@/lib/channels/verify";
import type { VerifyReport } from "@/lib/channels/verify-report";
import { actorsFor, fileDb } from "./helpers";
import { ARTICLE_METADATA, DISTRICT, draft } from "./support/review";
import { webhookChannel } from "./support/channels";

// 同源核验 for supervisors: the verdict is derived from the lists shown (never 核验通过 beside a
// listed failure), differences are said in words (标题不同, 正文不同), and nothing is in English.

/** Every sentence the page shows (the hashes stay in a <details>). */
function shownText(report: VerifyReport): string[] {
  return [
    report.verdict.text,
    ...report.channelResults.map((result) => result.conclusion),
    ...[...report.mismatches, ...report.missing, ...report.stale].map((item) => item.message),
  ];
}

describe("同源核验", () => {
  it("says what differs in words, and never 核验通过 while a problem is listed", async () => {
    const db = await fileDb();
    const [editor, siteadmin, supervisor] = await actorsFor("editor", "siteadmin", "supervisor");
    const channel = await webhookChannel(siteadmin, DISTRICT, "沙坪坝融媒体中心");
    const { resource, revision: first } = await draft(editor, "区图书馆春节开放时间", "春节期间闭馆三天。");
    const { revision: second } = await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 1,
      title: "区图书馆春节开放时间（更正）",
      body: blocksToDoc([{ type: "paragraph", text: "春节期间闭馆两天。" }]),
      metadata: ARTICLE_METADATA,
    });
    // A publication of the first revision, corrected by one of the second (as imported history).
    const publish = (revisionId: string, contentHash: string, supersededAt: Date | null) =>
      db.publication.create({
        data: {
          resourceId: resource.id,
          revisionId,
          contentHash,
          origin: "IMPORTED",
          publishedAt: new Date(),
          supersededAt,
        },
      });
    const old = await publish(first.id, first.contentHash, new Date());
    const live = await publish(second.id, second.contentHash, null);
    await db.channelPlacement.create({ data: { channelId: channel.id, resourceId: resource.id } });
    const deliver = (publicationId: string, contentHash: string, extra: object = {}) =>
      db.delivery.create({
        data: {
          publicationId,
          channelId: channel.id,
          resourceId: resource.id,
          action: "PUBLISH",
          contentHash,
          idempotencyKey: randomUUID(),
          status: "ACKNOWLEDGED",
          acknowledgedAt: new Date(),
          ...extra,
        },
      });

    // 1. The channel still carries the first revision: not consistent, and said in words.
    await deliver(old.id, first.contentHash);
    const stale = await getChannelsVerifyReport(supervisor);
    expect(stale.verdict).toEqual({ level: "inconsistent", text: "核验未通过：1 处与签发版本不一致。" });
    expect(stale.mismatches).toEqual([
      expect.objectContaining({
        channelId: channel.id,
        differences: ["标题", "正文"],
        message: "与签发版本不一致：标题不同、正文不同（渠道上是第 1 版，应为现行发布的第 2 版）",
        expectedHash: second.contentHash,
        deliveredHash: first.contentHash,
      }),
    ]);
    const result = stale.channelResults.find((item) => item.channelId === channel.id)!;
    expect(result).toMatchObject({ placements: 1, problems: 1, setupProblem: null });
    expect(result.conclusion).toBe(
      "《区图书馆春节开放时间（更正）》与签发版本不一致：标题不同、正文不同（渠道上是第 1 版，应为现行发布的第 2 版）",
    );

    // 2. A hash that no revision in the library has: said as such.
    const forged = await deliver(live.id, "f".repeat(64), { createdAt: new Date(Date.now() + 1000) });
    const tampered = await getChannelsVerifyReport(supervisor);
    expect(tampered.mismatches.map((item) => item.message)).toContain(
      "与签发版本不一致：渠道上的内容在资源库中找不到对应的版本，可能被改动过",
    );
    await db.delivery.update({ where: { id: forged.id }, data: { contentHash: second.contentHash } });

    // 3. The channel carries the live revision: 核验通过, with every channel's conclusion in words.
    const consistent = await getChannelsVerifyReport(supervisor);
    expect(consistent.verdict.level).toBe("consistent");
    expect(consistent.verdict.text).toMatch(/^核验通过：.*均与库中已签发版本一致。$/);
    expect(consistent.channelResults.find((item) => item.channelId === channel.id)?.conclusion).toBe(
      "1 篇现行稿件均与库中已签发版本一致",
    );
    // The seeded WeChat channel has no credentials: marked 未配置 in the same report.
    const wechat = await db.channel.findFirstOrThrow({ where: { kind: "WECHAT" } });
    expect(consistent.channelResults.find((item) => item.channelId === wechat.id)?.setupProblem).toBe("未填写AppID");

    // 4. Content consistent but the latest delivery failed: listed, so not 核验通过; the failure
    //    is worded as everywhere else (平台拒绝接收) with the particular reason.
    await db.delivery.update({
      where: { id: forged.id },
      data: {
        status: "FAILED",
        acknowledgedAt: null,
        failure: "PLATFORM_REFUSED",
        lastError: "接收方拒绝：正文为空。",
      },
    });
    const failed = await getChannelsVerifyReport(supervisor);
    expect(failed.ok).toBe(true);
    expect(failed.stale.map((item) => item.message)).toEqual([
      "内容一致，但最近一次分发失败：平台拒绝接收（接收方拒绝：正文为空）",
    ]);
    expect(failed.verdict).toEqual({
      level: "attention",
      text: "内容与库中已签发版本一致，但有 1 处分发异常需要处理（见“渠道滞后”）。",
    });

    for (const report of [stale, tampered, consistent, failed])
      for (const text of shownText(report)) expect(text, text).not.toMatch(/[A-Za-z]/);
  });

  it("is the supervising unit's: an editor or a site administrator is refused", async () => {
    await fileDb();
    const [editor, siteadmin] = await actorsFor("editor", "siteadmin");
    await expect(getChannelsVerifyReport(editor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getChannelsVerifyReport(siteadmin)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getChannelsVerifyReport(null)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
