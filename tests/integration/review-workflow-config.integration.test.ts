import { describe, expect, it } from "vitest";
import { signOff } from "@/lib/review/instances";
import { saveWorkflow } from "@/lib/review/workflows";
import { actorsFor, fileDb, orgId } from "./helpers";
import { DISTRICT, submitted } from "./support/review";

// A unit's own workflow changes how every later district article is reviewed, so this test has
// a database of its own (one per file) rather than sharing review.integration.test.ts's.

describe("configuration", () => {
  it("a unit's own workflow for a kind replaces the default for new submissions only", async () => {
    const db = await fileDb();
    const [admin, siteadmin, editor, officer] = await actorsFor("admin", "siteadmin", "editor", "officer");
    const running = await submitted(editor, "配置前提交的稿件", "正文。");
    const input = {
      name: "区政府动态稿件审核",
      orgId: await orgId(DISTRICT),
      kind: "ARTICLE",
      stages: [{ name: "信息员审核", type: "ROLE_APPROVAL", role: "INFO_OFFICER" }],
    };
    await expect(saveWorkflow(siteadmin, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      saveWorkflow(admin, { ...input, stages: [{ name: "信息员审核", type: "ROLE_APPROVAL" }] }),
    ).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("须选择角色") });
    await expect(
      saveWorkflow(admin, {
        ...input,
        stages: [{ name: "第一责任人", type: "FIRST_RESPONSIBLE", condition: "FLAGGED" }],
      }),
    ).rejects.toMatchObject({ code: "INVALID" });
    await saveWorkflow(admin, input);
    await expect(saveWorkflow(admin, input)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.auditEvent.count({ where: { action: "workflow.create" } })).toBe(1);

    const { resource, instance } = await submitted(editor, "配置后提交的稿件", "正文。");
    expect(instance.workflowName).toBe("区政府动态稿件审核");
    await signOff(officer, {
      instanceId: instance.id,
      stagePosition: 0,
      decision: "APPROVE",
      contentHash: instance.contentHash,
    });
    expect(await db.publication.count({ where: { resourceId: resource.id } })).toBe(1);
    // The review already running keeps the stages it started with.
    expect((await db.reviewInstance.findUniqueOrThrow({ where: { id: running.instance.id } })).workflowName).toBe(
      "五关审核、责任人审批（平台默认）",
    );
  });
});
