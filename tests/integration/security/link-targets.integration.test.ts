import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { saveColumn } from "@/lib/sites/admin";
import { buildColumnTree, findSiteByHost } from "@/lib/sites/portal";
import { columnHref } from "@/components/portal/site-frame";
import type { Actor } from "@/lib/auth/session";
import { actorFor, orgId, fileDb } from "../helpers";
import { countRows } from "./row-counts";

// Link targets: a link column accepts only an absolute http(s) URL or a single-slash local path
// (no open redirect from a government domain); the portal links government sites directly and
// sends every other link through the leaving notice at the column's own address. The 转载 source
// is only http(s), and rich-text links keep only safe targets.

let siteadmin: Actor;
let editor: Actor;
let siteId: string;

beforeAll(async () => {
  const db = await fileDb();
  [siteadmin, editor] = await Promise.all([actorFor("siteadmin"), actorFor("editor")]);
  siteId = (await db.site.findFirstOrThrow({ orderBy: { position: "asc" } })).id;
});

const column = (slug: string, linkUrl: string, kind = "LINK") => ({
  siteId,
  parentId: "",
  name: `链接${slug}`,
  slug,
  kind,
  linkUrl,
  position: "50",
});

describe("link columns", () => {
  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "data:text/html,x",
    "https://user:pw@evil.example/",
    "evil.example",
  ])("refuse %j and write nothing", async (linkUrl) => {
    const before = await countRows();
    const error = await saveColumn(siteadmin, column("bad-link", linkUrl)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("INVALID");
    expect((error as DomainError).fieldErrors.linkUrl?.[0]).toMatch(/单个 \//);
    expect(await countRows()).toEqual(before);
  });

  it("a link target on a column of another kind is checked too", async () => {
    await expect(saveColumn(siteadmin, column("list-with-link", "//evil.example", "LIST"))).rejects.toMatchObject({
      code: "INVALID",
    });
  });

  it("government and local targets link directly; others go through the leaving notice", async () => {
    await saveColumn(siteadmin, column("gov-link", "https://zwykb.cq.gov.cn/grbs/"));
    await saveColumn(siteadmin, column("own-link", "http://wlw.localhost/columns/x"));
    await saveColumn(siteadmin, column("local-link", "/columns/zwgk"));
    await saveColumn(siteadmin, column("outside-link", "https://www.example.com/service"));
    await saveColumn(siteadmin, column("fake-gov", "https://gov.cn.example.com/"));
    const site = (await findSiteByHost("localhost"))!;
    const hrefs = Object.fromEntries(
      buildColumnTree(site.columns).flatMap(function walk(node): [string, string][] {
        return [[node.slug, columnHref(node)], ...node.children.flatMap(walk)];
      }),
    );
    expect(hrefs["gov-link"]).toBe("https://zwykb.cq.gov.cn/grbs/");
    expect(hrefs["own-link"]).toBe("http://wlw.localhost/columns/x");
    expect(hrefs["local-link"]).toBe("/columns/zwgk");
    expect(hrefs["outside-link"]).toBe("/columns/outside-link");
    expect(hrefs["fake-gov"]).toBe("/columns/fake-gov");
  });
});

describe("转载 source and rich-text links", () => {
  const unit = "区政府办公室政务公开科";

  it.each(["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example/x", "/local"])(
    "refuses the source URL %j",
    async (originUrl) => {
      const resource = await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId(unit) });
      const before = await countRows();
      const error = (await saveRevision(editor, {
        resourceId: resource.id,
        baseVersion: 0,
        title: "转载稿件",
        body: blocksToDoc([{ type: "paragraph", text: "正文" }]),
        metadata: { source: { type: "reprint", originName: "新华网", originUrl } },
      }).catch((caught: unknown) => caught)) as DomainError;
      expect(error).toBeInstanceOf(DomainError);
      expect(error.fieldErrors["metadata.source.originUrl"]?.[0]).toBe(
        "来源链接须为 http:// 或 https:// 开头的完整网址",
      );
      expect(await countRows()).toEqual(before);
    },
  );

  it("stores body HTML with only safe link targets and rel=noopener noreferrer", async () => {
    const resource = await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId(unit) });
    const link = (text: string, attrs: Record<string, unknown>) => ({
      type: "text",
      text,
      marks: [{ type: "link", attrs }],
    });
    const { revision } = await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "含链接的稿件",
      body: {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              link("坏", { href: "javascript:alert(1)", target: "_blank" }),
              link("好", { href: "https://www.gov.cn/", target: "_blank", rel: "opener" }),
              link("电话", { href: "tel:023-63899114" }),
            ],
          },
        ],
      },
      metadata: { source: { type: "reprint", originName: "中国政府网", originUrl: "https://www.gov.cn/zhengce/" } },
    });
    const stored = await seededDbRevision(revision.id);
    expect(stored).not.toMatch(/javascript|opener"/);
    expect(stored).toContain('<a href="https://www.gov.cn/" target="_blank" rel="noopener noreferrer">好</a>');
    expect(stored).toContain('href="tel:023-63899114"');
  });
});

async function seededDbRevision(id: string): Promise<string> {
  const { getDb } = await import("@/lib/db/client");
  return (await getDb().revision.findUniqueOrThrow({ where: { id }, select: { bodyHtml: true } })).bodyHtml;
}
