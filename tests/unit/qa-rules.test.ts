import { describe, expect, it } from "vitest";
import { flagCauseFor, isQaInForce, qaServeState } from "@/lib/interaction/qa/rules";
import { ZQaFields } from "@/lib/library/metadata";
import { splitPublicCopy } from "@/lib/interaction/qa/adopt-reply";
import { blocksToDoc } from "@/lib/library/content";

describe("有效期", () => {
  it("serves an entry within its validity, both ends inclusive", () => {
    const validity = { validFrom: "2026-01-01", validTo: "2026-12-31" };
    expect(qaServeState(validity, "2025-12-31")).toBe("pending");
    expect(qaServeState(validity, "2026-01-01")).toBe("served");
    expect(qaServeState(validity, "2026-12-31")).toBe("served");
    expect(qaServeState(validity, "2027-01-01")).toBe("expired");
    expect(isQaInForce({ validFrom: null, validTo: null }, "2030-01-01")).toBe(true);
    expect(isQaInForce({ validFrom: null, validTo: "2026-06-30" }, "2026-07-01")).toBe(false);
  });

  it("refuses an end before the start and a policy linked twice", () => {
    const id = "8b0d6c1e-0a52-4c8e-9d7f-2f1a3b4c5d6e";
    expect(ZQaFields.safeParse({ validFrom: "2026-05-01", validTo: "2026-04-30" }).success).toBe(false);
    expect(ZQaFields.safeParse({ policyIds: [id, id] }).success).toBe(false);
    expect(ZQaFields.safeParse({ validFrom: "2026-13-01" }).success).toBe(false);
    expect(ZQaFields.parse({})).toEqual({ themes: [], policyIds: [] });
  });
});

describe("待复核 rules", () => {
  it("flags on repeal, revision, expiry and correction of a policy or interpretation", () => {
    expect(flagCauseFor({ topic: "policy.validity.changed", to: "REPEALED" })).toBe("POLICY_REPEALED");
    expect(flagCauseFor({ topic: "policy.validity.changed", to: "REVISED" })).toBe("POLICY_REVISED");
    expect(flagCauseFor({ topic: "policy.validity.changed", to: "EXPIRED" })).toBe("POLICY_EXPIRED");
    expect(flagCauseFor({ topic: "policy.validity.changed", to: "VALID" })).toBeNull();
    expect(flagCauseFor({ topic: "publication.published", kind: "POLICY", supersedes: "p1" })).toBe("POLICY_CORRECTED");
    expect(flagCauseFor({ topic: "publication.published", kind: "INTERPRETATION", supersedes: "p1" })).toBe(
      "POLICY_CORRECTED",
    );
  });

  it("does not flag on a first publication or on other kinds", () => {
    expect(flagCauseFor({ topic: "publication.published", kind: "POLICY", supersedes: null })).toBeNull();
    expect(flagCauseFor({ topic: "publication.published", kind: "ARTICLE", supersedes: "p1" })).toBeNull();
  });
});

describe("采纳为答问", () => {
  it("takes the question and the reply from the public copy's sections", () => {
    const body = blocksToDoc([
      { type: "paragraph", text: "留言时间：2026-12-01 09:00" },
      { type: "heading", level: 2, text: "留言内容" },
      { type: "paragraph", text: "社保卡丢了怎么办？" },
      { type: "heading", level: 2, text: "答复内容" },
      { type: "paragraph", text: "请先挂失。" },
      { type: "paragraph", text: "再补卡。" },
    ]);
    const { question, answer } = splitPublicCopy(body);
    expect(question).toHaveLength(1);
    expect(answer.map((block) => block.content?.[0]?.text)).toEqual(["请先挂失。", "再补卡。"]);
  });
});

describe("QA rendition for apps and webhooks", () => {
  it("carries the themes by name, the policies' pages and the validity beside the question and 答复口径", async () => {
    const { renderJson } = await import("@/lib/channels/renditions/json");
    const { ZRevisionMetadata } = await import("@/lib/library/metadata");
    const policyId = "8b0d6c1e-0a52-4c8e-9d7f-2f1a3b4c5d6e";
    const { document } = renderJson({
      resourceId: "r1",
      kind: "QA",
      title: "社会保障卡丢失了怎么补办？",
      bodyHtml: "<p>先挂失，再补卡。</p>",
      metadata: ZRevisionMetadata.parse({
        source: { type: "original" },
        qa: { themes: ["social-security", "retired-code"], policyIds: [policyId], validTo: "2027-12-31" },
      }),
      contentHash: "h",
      publishedAt: new Date("2026-12-01T02:00:00Z"),
      sourceName: "重庆市沙坪坝区人民政府",
      portalUrl: "https://www.example.gov.cn/content/r1",
      correctionNote: null,
      qaThemeNames: { "social-security": "社会保障" },
    });
    expect(document.kindLabel).toBe("问答");
    // A code the theme list no longer knows stays as it is rather than vanish.
    expect(document.metadata.qaThemes!.value).toEqual(["社会保障", "retired-code"]);
    expect(document.metadata.qaPolicies!.value).toEqual([`https://www.example.gov.cn/content/${policyId}`]);
    expect(document.metadata.qaValidTo).toEqual({ label: "有效期至", value: "2027-12-31" });
    expect(document.metadata.qaValidFrom).toBeUndefined();
  });
});
