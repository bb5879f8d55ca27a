import { describe, expect, it } from "vitest";
import { channelSetupProblem } from "@/lib/channels/channel-config";
import { describeDeliveryState, deliveryStateLabel } from "@/lib/channels/delivery-words";
import { describeDifference, verdictOf } from "@/lib/channels/verify-words";
import { messages } from "@/lib/i18n/zh-CN";

// The channel screens in words (#23 §4): 未配置, one wording per delivery failure, and the
// 同源核验 verdict derived from the lists it shows.

describe("channel setup (未配置)", () => {
  it("names the missing setting or credential, and needs nothing for a feed", () => {
    expect(
      channelSetupProblem({ kind: "WECHAT", config: { apiBase: "https://api.weixin.qq.com" }, secrets: null }),
    ).toBe("未填写AppID");
    expect(channelSetupProblem({ kind: "WEIBO", config: {}, secrets: null })).toBe("未设置接口凭据（Access Token）");
    expect(channelSetupProblem({ kind: "WEBHOOK", config: {}, secrets: null })).toBe("未填写接收地址（URL）");
    expect(
      channelSetupProblem({ kind: "WEBHOOK", config: { url: "https://rmt.example.cn/in" }, secrets: "v1.a.b.c" }),
    ).toBe("接口凭据无法用当前密钥解密，须重新设置");
    expect(channelSetupProblem({ kind: "FEED", config: {}, secrets: null })).toBeNull();
  });
});

describe("delivery state in words", () => {
  it("says a failure by its kind, with the particular words as the detail", () => {
    const refused = { status: "FAILED", failure: "PLATFORM_REFUSED", lastError: "微博正文超过 2000 字。" } as const;
    expect(deliveryStateLabel(refused)).toBe("平台拒绝接收");
    expect(describeDeliveryState(refused)).toBe("平台拒绝接收（微博正文超过 2000 字）");
    expect(deliveryStateLabel({ status: "FAILED", failure: null, lastError: "旧记录" })).toBe("失败");
    expect(deliveryStateLabel({ status: "PENDING", failure: "UNREACHABLE", lastError: "第 1 次发送失败" })).toBe(
      messages.deliveryRetrying,
    );
    expect(describeDeliveryState({ status: "ACKNOWLEDGED", failure: null, lastError: null })).toBe("已确认");
  });

  it("words every failure kind in Chinese", () => {
    for (const text of Object.values(messages.deliveryFailures)) expect(text).toMatch(/^[\u4e00-\u9fff]/);
  });
});

describe("同源核验 words", () => {
  const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
  const revision = (number: number, title: string, text: string, docNumber = "沙府办发〔2026〕1号") => ({
    number,
    title,
    body: doc(text),
    metadata: { docNumber },
  });

  it("says which parts differ and which versions, instead of hashes", () => {
    expect(describeDifference(revision(2, "甲", "正文"), revision(1, "乙", "正文"))).toEqual({
      items: ["标题"],
      message: "与签发版本不一致：标题不同（渠道上是第 1 版，应为现行发布的第 2 版）",
    });
    expect(describeDifference(revision(3, "甲", "新", "沙府办发〔2026〕2号"), revision(3, "甲", "旧")).message).toBe(
      "与签发版本不一致：正文不同、发布信息（文号、日期等）不同",
    );
    expect(describeDifference(revision(1, "甲", "正文"), null).message).toMatch(/在资源库中找不到对应的版本/);
  });

  it("never says 核验通过 while a list holds something", () => {
    const counts = { channels: 2, livePublications: 3, deliveries: 4 };
    expect(verdictOf({ mismatches: [], missing: [], stale: [], ...counts })).toEqual({
      level: "consistent",
      text: "核验通过：2 个渠道、3 篇现行发布、4 条分发记录，均与库中已签发版本一致。",
    });
    const attention = verdictOf({ mismatches: [], missing: [], stale: [{}], ...counts });
    expect(attention.level).toBe("attention");
    const failing = verdictOf({ mismatches: [{}], missing: [{}, {}], stale: [{}], ...counts });
    expect(failing.text).toBe("核验未通过：1 处与签发版本不一致，2 处缺少分发或撤回，1 处分发异常。");
    for (const verdict of [attention, failing]) expect(verdict.text).not.toContain("核验通过");
  });
});
