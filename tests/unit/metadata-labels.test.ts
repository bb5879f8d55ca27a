import { describe, expect, it } from "vitest";
import { messages } from "@/lib/i18n/zh-CN";
import { DISCLOSURE_REASONS, RELATION_KINDS, ZDisclosure, ZRevisionMetadata, ZSource } from "@/lib/library/metadata";

// The editor's choices are the label maps of lib/i18n: each must name exactly the values the
// schema accepts, so a value added to one and not the other fails here, not in a user's form.

const labels = messages.metadata;

describe("metadata labels", () => {
  it("name every 不予公开 reason category the schema accepts, and no other", () => {
    expect(Object.keys(labels.disclosureReasons)).toEqual([...DISCLOSURE_REASONS]);
    for (const reason of Object.keys(labels.disclosureReasons))
      expect(ZDisclosure.safeParse({ type: "not_disclosed", reason }).success).toBe(true);
    expect(ZDisclosure.safeParse({ type: "not_disclosed", reason: "" }).error?.issues[0]?.message).toBe(
      "不予公开须选择理由类别",
    );
  });

  it("name every disclosure type and source type", () => {
    expect(Object.keys(labels.disclosure)).toEqual(ZDisclosure.options.map((option) => option.shape.type.value));
    expect(Object.keys(labels.sources)).toEqual(ZSource.options.map((option) => option.shape.type.value));
  });

  it("name every relation kind", () => {
    expect(Object.keys(messages.relations).sort()).toEqual([...RELATION_KINDS].sort());
  });

  it("accept what a new editor form sends: defaults fill keywords, disclosure and relations", () => {
    const parsed = ZRevisionMetadata.parse({ source: { type: "original" } });
    expect(parsed).toEqual({
      source: { type: "original" },
      keywords: [],
      disclosure: { type: "proactive" },
      relations: [],
    });
  });
});
