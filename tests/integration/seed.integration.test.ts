import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { computeContentHash, type RichText } from "@/lib/library/content";
import { renderBodyHtml } from "@/lib/library/render-body";
import { ZRevisionMetadata } from "@/lib/library/metadata";
import { DEMO_USERS, loadSeedDocuments, seedDemoPlatform } from "@/lib/seed/demo-platform";
import { verifyPassword } from "@/lib/auth/password";
import { TEST_PASSWORD } from "./helpers";

describe("demo platform seed", () => {
  it("creates the demo platform once, however often it runs", async () => {
    const db = getDb();
    const runs = await Promise.all([
      seedDemoPlatform(db, { password: TEST_PASSWORD }),
      seedDemoPlatform(db, { password: TEST_PASSWORD }),
    ]);
    expect(runs.filter((run) => run.seeded)).toHaveLength(1);
    expect(await seedDemoPlatform(db, { password: "Another-Passw0rd" })).toEqual({ seeded: false });

    expect(await db.organization.count({ where: { kind: "SUPERVISING" } })).toBe(1);
    // The district, two city departments, and a district department without a site (报送, issue #29).
    expect(await db.organization.count({ where: { kind: "HOST" } })).toBe(4);
    expect(await db.organization.count({ where: { kind: "SECTION" } })).toBeGreaterThanOrEqual(6);
    expect(await db.site.count()).toBe(3);
    expect(await db.user.count()).toBe(DEMO_USERS.length);
    // The five source documents, and the district department's five 示例 items it submits (报送).
    expect(await db.resource.count()).toBe(10);
    expect(await db.publication.count()).toBe(10);
    expect(await db.auditEvent.count({ where: { action: "platform.seed" } })).toBe(1);
  });

  it("gives every demo username its role and the seed password", async () => {
    const db = getDb();
    const users = await db.user.findMany({ include: { memberships: true } });
    expect(users.map((user) => user.username).sort()).toEqual([
      "admin",
      "auditor",
      "deputy",
      "disclosure",
      "disclosure-head",
      "editor",
      "egov-deputy",
      "handler",
      "jw-officer",
      "jw-supervisor",
      "officer",
      "principal",
      "reviewer",
      "secadmin",
      "siteadmin",
      "supervisor",
      "wlw-deputy",
      "wlw-disclosure",
      "wlw-handler",
      "wlw-officer",
      "wlw-section",
      "wlw-supervisor",
    ]);
    const roleOf = Object.fromEntries(users.map((user) => [user.username, user.memberships.map((m) => m.role)]));
    expect(roleOf).toMatchObject({
      admin: ["SYSTEM_ADMIN"],
      secadmin: ["SECURITY_ADMIN"],
      auditor: ["AUDIT_ADMIN"],
      supervisor: ["SUPERVISOR"],
      siteadmin: ["SITE_ADMIN"],
      editor: ["EDITOR"],
      officer: ["INFO_OFFICER"],
      reviewer: ["CHECK_REVIEWER"],
      deputy: ["DIRECT_RESPONSIBLE"],
      handler: ["INTERACTION_HANDLER"],
      principal: ["FIRST_RESPONSIBLE"],
      "wlw-handler": ["INTERACTION_HANDLER"],
      disclosure: ["DISCLOSURE_OFFICER"],
      "disclosure-head": ["DISCLOSURE_HEAD"],
      "wlw-disclosure": ["DISCLOSURE_OFFICER"],
      "wlw-section": ["SECTION_REVIEWER"],
      "wlw-officer": ["INFO_OFFICER"],
      "wlw-supervisor": ["INFO_SUPERVISOR"],
      "wlw-deputy": ["DIRECT_RESPONSIBLE"],
      "egov-deputy": ["DIRECT_RESPONSIBLE"],
    });
    const reviewer = users.find((user) => user.username === "reviewer")!;
    expect(reviewer.memberships[0]!.checks).toEqual(["politics", "law", "policy", "secrecy", "wording"]);
    expect(await verifyPassword(users[0]!.passwordHash, TEST_PASSWORD)).toBe(true);
    expect(users[0]!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("stores the five source documents with their real titles, 文号 and issuers, hashed and rendered", async () => {
    const db = getDb();
    const documents = await loadSeedDocuments();
    // Beside them, only the 示例 items of the 报送 demo (lib/seed/submissions.ts).
    const revisions = await db.revision.findMany({
      where: { title: { not: { startsWith: "【示例】" } } },
      include: { resource: true },
    });
    expect(revisions).toHaveLength(documents.length);
    for (const document of documents) {
      const revision = revisions.find((candidate) => candidate.title === document.title);
      expect(revision, document.title).toBeDefined();
      const metadata = ZRevisionMetadata.parse(revision!.metadata);
      expect(metadata.policy?.docNumber).toBe(document.docNumber);
      expect(metadata.policy?.issuer).toBe(document.issuer);
      expect(revision!.resource.kind).toBe("POLICY");
      expect(revision!.contentHash).toBe(
        computeContentHash({ title: revision!.title, body: revision!.body as RichText, metadata: revision!.metadata }),
      );
      expect(revision!.bodyHtml).toBe(renderBodyHtml(revision!.body as RichText));
    }
    const numbers = documents.map((document) => document.docNumber).filter(Boolean);
    expect(numbers).toContain("渝府办发〔2019〕64号");
    expect(numbers).toContain("来政办发〔2021〕30号");
    for (const number of numbers) expect(number).toMatch(/^\p{Script=Han}+〔\d{4}〕\d+号$/u);
  });
});
