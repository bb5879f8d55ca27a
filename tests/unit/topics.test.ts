import { describe, expect, it } from "vitest";
import { ZColumn } from "@/lib/sites/admin";
import { findTopicOf } from "@/lib/sites/topics";
import type { PortalSite } from "@/lib/sites/portal";

// 专题 fields on the column form, and which topic a column page belongs to.

const SITE_ID = "6f1c1d2e-0000-4000-8000-0000000000aa";
const BANNER = "/api/assets/6f1c1d2e-0000-4000-8000-0000000000bb";
const base = { siteId: SITE_ID, parentId: "", name: "优化营商环境", slug: "yshj", linkUrl: "", position: "3" };

function issues(input: Record<string, unknown>) {
  const result = ZColumn.safeParse(input);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("the 专题 fields of a column", () => {
  it("accept a topic with a plain-text intro and a library banner; blanks are none", () => {
    const parsed = ZColumn.parse({ ...base, kind: "TOPIC", intro: "  简介\n第二行  ", bannerSrc: BANNER });
    expect(parsed).toMatchObject({ kind: "TOPIC", intro: "简介\n第二行", bannerSrc: BANNER });
    expect(ZColumn.parse({ ...base, kind: "TOPIC", intro: " ", bannerSrc: "" })).toMatchObject({
      intro: null,
      bannerSrc: null,
    });
    // Forms and callers that know nothing of topics send neither field.
    expect(ZColumn.parse({ ...base, kind: "LIST" })).toMatchObject({ intro: null, bannerSrc: null });
  });

  it("refuse a long intro, a banner from outside the library, and topic fields on other kinds", () => {
    expect(issues({ ...base, kind: "TOPIC", intro: "字".repeat(501) })).toEqual({ intro: "专题简介不超过 500 字" });
    expect(issues({ ...base, kind: "TOPIC", bannerSrc: "https://example.com/a.png" })).toEqual({
      bannerSrc: "题图须从图片库选择或上传",
    });
    expect(issues({ ...base, kind: "LIST", intro: "简介", bannerSrc: BANNER })).toEqual({
      intro: "只有专题栏目可以设置简介和题图；改为其他类型前请清空。",
      bannerSrc: "只有专题栏目可以设置简介和题图；改为其他类型前请清空。",
    });
  });
});

describe("findTopicOf", () => {
  const column = (id: string, parentId: string | null, kind: string, extra: Record<string, unknown> = {}) => ({
    id,
    parentId,
    kind,
    name: id,
    slug: id,
    intro: null,
    bannerSrc: null,
    ...extra,
  });
  const site = {
    columns: [
      column("zt", null, "LIST"),
      column("yshj", "zt", "TOPIC", { intro: "简介", bannerSrc: BANNER }),
      column("hqzc", "yshj", "LIST"),
      column("hqzc-2026", "hqzc", "LIST"),
      column("ywdt", null, "LIST"),
    ],
  } as unknown as PortalSite;

  it("finds the topic itself, or its nearest topic ancestor at any depth, and nothing outside topics", () => {
    expect(findTopicOf(site, "yshj")).toEqual({
      id: "yshj",
      name: "yshj",
      slug: "yshj",
      intro: "简介",
      bannerSrc: BANNER,
    });
    expect(findTopicOf(site, "hqzc")?.id).toBe("yshj");
    expect(findTopicOf(site, "hqzc-2026")?.id).toBe("yshj");
    expect(findTopicOf(site, "zt")).toBeNull();
    expect(findTopicOf(site, "ywdt")).toBeNull();
  });
});
