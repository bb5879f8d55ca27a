import { describe, expect, it } from "vitest";
import { kindIssues, ZRevisionMetadata } from "@/lib/library/metadata";
import {
  dutyLines,
  institutionRows,
  isPlainPage,
  kindFieldLines,
  kindSearchText,
  kindSummary,
} from "@/lib/library/kinds";
import { revisionText } from "@/lib/review/revision-checks";
import { runPrechecks, DEFAULT_LEXICON } from "@/lib/review/prechecks";
import { renderJson } from "@/lib/channels/renditions/json";
import { summaryOf } from "@/lib/channels/renditions/html";
import { isLeaderColumn } from "@/lib/sites/leaders";

// The content kinds of the standard columns (领导之窗, 机构职能, 单页): which metadata each kind
// takes and refuses, with which message, and how a leader is summed up in one line wherever a
// page, a feed or a channel needs one.

const ASSET = "/api/assets/0b6f1c2e-5a4d-4e3f-9a1b-2c3d4e5f6a7b";
const base = { source: { type: "original" } };
const LEADER = {
  name: " 示例某 ",
  post: "区委副书记、区政府区长",
  duties: "主持区政府全面工作。\n\n分管审计工作。 ",
  rank: 1,
};
const parse = (input: object) => ZRevisionMetadata.parse({ ...base, ...input });
const fieldIssues = (input: object) => {
  const parsed = ZRevisionMetadata.safeParse({ ...base, ...input });
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("领导之窗 metadata", () => {
  it("takes the name, post, 分工, photo and rank, trimmed", () => {
    const metadata = parse({ leader: { ...LEADER, photo: { src: ASSET, focalX: 0.5, focalY: 0.2 } } });
    expect(metadata.leader).toEqual({
      name: "示例某",
      post: "区委副书记、区政府区长",
      duties: "主持区政府全面工作。\n\n分管审计工作。",
      rank: 1,
      photo: { src: ASSET, focalX: 0.5, focalY: 0.2 },
    });
    expect(kindIssues("LEADER", metadata)).toEqual([]);
  });

  it("refuses a leader without name or post, and a rank that is not a whole number", () => {
    expect(fieldIssues({ leader: { ...LEADER, name: "  " } })).toEqual(["leader.name: 请填写领导姓名"]);
    expect(fieldIssues({ leader: { ...LEADER, post: "" } })).toEqual(["leader.post: 请填写职务"]);
    expect(fieldIssues({ leader: { ...LEADER, rank: 1.5 } })).toEqual(["leader.rank: 排序须是整数"]);
    expect(fieldIssues({ leader: { ...LEADER, name: "示例\n某" } })).toEqual([
      "leader.name: 姓名不能含有换行或控制字符",
    ]);
    expect(fieldIssues({ leader: { ...LEADER, photo: { src: "https://example.com/a.jpg" } } })).toEqual([
      "leader.photo.src: 标题图片须是素材库中的图片",
    ]);
  });

  it("is required on a 领导之窗 item and refused on every other kind", () => {
    expect(kindIssues("LEADER", parse({}))).toEqual([{ path: "leader", message: "领导之窗须填写姓名、职务等信息" }]);
    for (const kind of ["ARTICLE", "NOTICE", "INSTITUTION", "SINGLE_PAGE"] as const) {
      expect(kindIssues(kind, parse({ leader: LEADER }))).toEqual([
        { path: "leader", message: "只有领导之窗有姓名、职务等信息" },
      ]);
    }
  });
});

describe("机构职能 metadata", () => {
  it("takes each particular as optional, and drops blank ones", () => {
    const metadata = parse({
      institution: { name: "示例区发展和改革委员会", head: "", phone: "023-6536 8000、023-65368001转8", hours: "" },
    });
    expect(metadata.institution).toEqual({ name: "示例区发展和改革委员会", phone: "023-6536 8000、023-65368001转8" });
    expect(kindIssues("INSTITUTION", metadata)).toEqual([]);
    expect(kindIssues("INSTITUTION", parse({}))).toEqual([]);
    expect(institutionRows(metadata.institution!)).toEqual([
      ["机构名称", "示例区发展和改革委员会"],
      ["办公电话", "023-6536 8000、023-65368001转8"],
    ]);
  });

  it("refuses a phone with letters, an over-long address, and the particulars on other kinds", () => {
    expect(fieldIssues({ institution: { phone: "call 12345" } })).toEqual([
      "institution.phone: 办公电话只能填写数字、区号分隔符和“转”",
    ]);
    expect(fieldIssues({ institution: { address: "路".repeat(101) } })).toEqual([
      "institution.address: 办公地址不超过 100 字",
    ]);
    expect(kindIssues("ARTICLE", parse({ institution: { name: "示例局" } }))).toEqual([
      { path: "institution", message: "只有机构职能有机构名称、办公地址等信息" },
    ]);
  });
});

describe("单页 metadata", () => {
  it("is a plain article: no 发文 fields, no leader card, no relations", () => {
    expect(kindIssues("SINGLE_PAGE", parse({ summary: "关于本站" }))).toEqual([]);
    expect(
      kindIssues(
        "SINGLE_PAGE",
        parse({ policy: { docNumber: null, issuer: "示例区政府办公室", writtenOn: null, genre: "通知" } }),
      ),
    ).toEqual([{ path: "policy", message: "只有政策文件有文号等发文信息" }]);
    expect(
      kindIssues(
        "SINGLE_PAGE",
        parse({ relations: [{ kind: "BASED_ON", targetId: "0b6f1c2e-5a4d-4e3f-9a1b-2c3d4e5f6a7b" }] }),
      ),
    ).toEqual([{ path: "relations", message: "单页不关联其他文件" }]);
    expect(isPlainPage("SINGLE_PAGE") && isPlainPage("LEADER") && isPlainPage("INSTITUTION")).toBe(true);
    expect(isPlainPage("ARTICLE") || isPlainPage("POLICY")).toBe(false);
  });
});

describe("a leader in one line", () => {
  const metadata = parse({ leader: LEADER });

  it("is 姓名（职务） unless the editor wrote a 摘要", () => {
    expect(kindSummary(metadata)).toBe("示例某（区委副书记、区政府区长）");
    expect(kindSummary(parse({ leader: LEADER, summary: " 区长简介 " }))).toBe("区长简介");
    expect(kindSummary(parse({}))).toBeUndefined();
  });

  it("search finds the name, post and 分工; the 分工 is shown line by line", () => {
    expect(kindSearchText(metadata)).toEqual([
      "示例某",
      "区委副书记、区政府区长",
      "主持区政府全面工作。\n\n分管审计工作。",
    ]);
    expect(dutyLines(metadata.leader!.duties)).toEqual(["主持区政府全面工作。", "分管审计工作。"]);
  });

  it("channels carry the card's fields and summarise the leader by name and post", () => {
    const source = {
      resourceId: "11111111-1111-4111-8111-111111111111",
      kind: "LEADER" as const,
      title: "示例某",
      bodyHtml: "<p>示例某，男，1970年生，研究生学历。</p>",
      metadata: parse({ leader: { ...LEADER, photo: { src: ASSET } } }),
      contentHash: "a".repeat(64),
      sourceName: "示例区人民政府",
      portalUrl: "https://www.example.gov.cn/content/11111111-1111-4111-8111-111111111111",
      correctionNote: null,
      publishedAt: new Date("2026-03-01T02:00:00Z"),
    };
    const document = renderJson(source).document;
    expect(document.summary).toBe("示例某（区委副书记、区政府区长）");
    expect(document.kindLabel).toBe("领导之窗");
    expect(document.metadata).toMatchObject({
      leaderName: { label: "姓名", value: "示例某" },
      leaderPost: { label: "职务", value: "区委副书记、区政府区长" },
      leaderDuties: { label: "分工", value: ["主持区政府全面工作。", "分管审计工作。"] },
      leaderPhoto: { label: "照片", value: `https://www.example.gov.cn${ASSET}` },
    });
    expect(summaryOf(source, 5)).toBe("示例某（…");
  });
});

describe("what reviewers read and pre-checks scan", () => {
  const body = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "简历正文。" }] }] };

  it("puts the kind's fields, labelled, between the title and the body", () => {
    const leader = { ...LEADER, duties: "分管工商局工作。" };
    expect(kindFieldLines(parse({ leader }))).toEqual([
      "姓名：示例某",
      "职务：区委副书记、区政府区长",
      "分工：分管工商局工作。",
    ]);
    const { text } = revisionText("示例某", body, { ...base, leader });
    expect(text).toBe("示例某\n姓名：示例某\n职务：区委副书记、区政府区长\n分工：分管工商局工作。\n简历正文。\n");
    // The outdated 工商局 in the 分工 is found, at its place in the text reviewers see.
    const finding = runPrechecks(text, [], { lexicon: DEFAULT_LEXICON, platformHosts: [] }).find(
      (candidate) => candidate.kind === "official_term",
    );
    expect(finding && text.slice(finding.start, finding.end)).toBe("工商局");
    // An item of another kind, or a revision read without its metadata, reads as before.
    expect(revisionText("标题", body).text).toBe("标题\n简历正文。\n");
    expect(revisionText("标题", body, base).text).toBe("标题\n简历正文。\n");
  });

  it("a column shows the leaders' grid only when every item is a leader", () => {
    expect(isLeaderColumn([{ kind: "LEADER" }, { kind: "LEADER" }])).toBe(true);
    expect(isLeaderColumn([{ kind: "LEADER" }, { kind: "ARTICLE" }])).toBe(false);
    expect(isLeaderColumn([])).toBe(false);
  });
});
