import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createUser, getUser, listUsers, resetPassword, resetTotp, setUserActive, unlockUser } from "@/lib/org/users";
import { addMembership, assignResponsibility, listResponsibilities, removeMembership } from "@/lib/org/memberships";
import {
  createOrganization,
  listOrganizationTree,
  moveOrganization,
  renameOrganization,
  setOrganizationActive,
} from "@/lib/org/organizations";
import { updateSecuritySettings, getSecuritySettings } from "@/lib/auth/security-settings";
import { authenticate } from "@/lib/auth/authenticate";
import { actorFor, keepSecuritySettings, makeUser, orgId, fileDb, restoreAfterTest, TEST_PASSWORD } from "./helpers";

const DISTRICT = "重庆市沙坪坝区人民政府";
const CULTURE = "重庆市文化和旅游发展委员会";

describe("user administration", () => {
  it("lets the permitted administrators act and refuses everyone else", async () => {
    const db = await fileDb();
    const admin = await actorFor("admin");
    const secadmin = await actorFor("secadmin");
    // 三员分立: the system administrator creates the account, which holds no role until the security administrator grants one.
    const { userId, oneTimePassword } = await createUser(admin, { username: "chen.jie", displayName: "陈洁" });
    expect(oneTimePassword).toMatch(/^Tmp\d\d-/);
    expect((await getUser(admin, userId)).memberships).toEqual([]);
    await addMembership(secadmin, { userId, orgId: await orgId(DISTRICT), role: "INFO_OFFICER" });

    // Not permitted roles: refused (and, where they may not even view accounts, told nothing).
    for (const username of ["editor", "siteadmin", "auditor", "principal", "secadmin"]) {
      const actor = await actorFor(username);
      await expect(createUser(actor, { username: "x.y", displayName: "某某" }), username).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      if (username === "secadmin") continue;
      await expect(setUserActive(actor, userId, false), username).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(listUsers(actor), username).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    // 三员分立: the security administrator may not deactivate or reset passwords; the system administrator may not reset 2FA.
    await expect(setUserActive(secadmin, userId, false)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resetPassword(secadmin, userId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resetTotp(admin, userId)).rejects.toMatchObject({ code: "FORBIDDEN" });

    await setUserActive(admin, userId, false);
    expect(
      await authenticate({ username: "chen.jie", password: oneTimePassword }, { ip: null, userAgent: null }),
    ).toBeNull();
    await setUserActive(admin, userId, true);
    const reset = await resetPassword(admin, userId);
    expect(reset.pending).toBe(false);
    expect(
      await authenticate(
        { username: "chen.jie", password: reset.pending ? "" : reset.oneTimePassword! },
        { ip: null, userAgent: null },
      ),
    ).not.toBeNull();
    await db.user.update({ where: { id: userId }, data: { lockedUntil: new Date(Date.now() + 600_000) } });
    await unlockUser(secadmin, userId);
    await resetTotp(secadmin, userId);
    expect(await getUser(admin, userId)).toMatchObject({
      username: "chen.jie",
      isLocked: false,
      hasTotp: false,
      active: true,
    });
    const actions = (
      await db.auditEvent.findMany({ where: { subject: `user:${userId}` }, orderBy: { seq: "asc" } })
    ).map((event) => [event.action, event.role]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ["user.create", "SYSTEM_ADMIN"],
        ["membership.grant", "SECURITY_ADMIN"],
        ["user.deactivate", "SYSTEM_ADMIN"],
        ["user.activate", "SYSTEM_ADMIN"],
        ["user.reset_password", "SYSTEM_ADMIN"],
        ["user.unlock", "SECURITY_ADMIN"],
        ["user.reset_totp", "SECURITY_ADMIN"],
      ]),
    );
  });

  it("refuses a permitted role held in another unit", async () => {
    await fileDb();
    const cultureSecadmin = await makeUser("culture.sec", "SECURITY_ADMIN", CULTURE);
    const editorId = (await getDb().user.findUniqueOrThrow({ where: { username: "editor" } })).id;
    await expect(
      addMembership(cultureSecadmin, { userId: editorId, orgId: await orgId(DISTRICT), role: "INFO_OFFICER" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getUser(cultureSecadmin, editorId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Their list shows only people of their own unit (and its sections): the commission's demo staff.
    expect((await listUsers(cultureSecadmin)).map((user) => user.username).sort()).toEqual([
      "culture.sec",
      "wlw-deputy",
      "wlw-disclosure",
      "wlw-handler",
      "wlw-officer",
      "wlw-section",
      "wlw-supervisor",
    ]);
  });

  it("rejects bad input with field errors and changes nothing", async () => {
    const db = await fileDb();
    const admin = await actorFor("admin");
    const before = await db.user.count();
    await expect(createUser(admin, { username: "A", displayName: "", orgId: "x", role: "KING" })).rejects.toMatchObject(
      {
        code: "INVALID",
        fieldErrors: {
          username: expect.any(Array),
          displayName: expect.any(Array),
          orgId: expect.any(Array),
          role: expect.any(Array),
        },
      },
    );
    await expect(createUser(admin, { username: "editor", displayName: "重名" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await db.user.count()).toBe(before);
  });
});

describe("roles and responsibility", () => {
  it("grants and revokes roles (security administrator only) and keeps the history of responsible persons", async () => {
    const db = await fileDb();
    const secadmin = await actorFor("secadmin");
    const admin = await actorFor("admin");
    const district = await orgId(DISTRICT);
    const officer = await db.user.findUniqueOrThrow({ where: { username: "officer" } });

    await expect(
      addMembership(admin, { userId: officer.id, orgId: district, role: "DIRECT_RESPONSIBLE" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      assignResponsibility(secadmin, { orgId: district, kind: "DIRECT", userId: officer.id }),
    ).rejects.toMatchObject({ code: "INVALID" });
    await addMembership(secadmin, { userId: officer.id, orgId: district, role: "DIRECT_RESPONSIBLE" });
    await expect(
      addMembership(secadmin, { userId: officer.id, orgId: district, role: "CHECK_REVIEWER" }),
    ).rejects.toMatchObject({ code: "INVALID" });
    await expect(
      addMembership(secadmin, { userId: officer.id, orgId: district, role: "SYSTEM_ADMIN" }),
    ).rejects.toMatchObject({ code: "INVALID" });

    await expect(
      assignResponsibility(admin, { orgId: district, kind: "DIRECT", userId: officer.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await assignResponsibility(secadmin, { orgId: district, kind: "DIRECT", userId: officer.id });
    const deputy = await db.user.findUniqueOrThrow({ where: { username: "deputy" } });
    restoreAfterTest(() => assignResponsibility(secadmin, { orgId: district, kind: "DIRECT", userId: deputy.id }));
    const { history } = await listResponsibilities(secadmin, district);
    const direct = history.filter((row) => row.kind === "DIRECT");
    expect(direct.map((row) => [row.username, row.endedAt === null])).toEqual([
      ["officer", true],
      ["deputy", false],
    ]);
    expect(history.find((row) => row.kind === "FIRST")).toMatchObject({ username: "principal", endedAt: null });

    const membership = await db.membership.findFirstOrThrow({
      where: { userId: officer.id, role: "DIRECT_RESPONSIBLE" },
    });
    await expect(removeMembership(await actorFor("editor"), membership.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await removeMembership(secadmin, membership.id);
    expect(await db.membership.count({ where: { userId: officer.id } })).toBe(1);
  });
});

describe("organizations", () => {
  it("are created, renamed, moved and deactivated by the system administrator, never into a cycle", async () => {
    await fileDb();
    const admin = await actorFor("admin");
    const district = await orgId(DISTRICT);
    const section = await createOrganization(admin, { parentId: district, name: "区大数据发展局", kind: "SECTION" });
    await renameOrganization(admin, { orgId: section.id, name: "区大数据发展中心" });
    await expect(moveOrganization(admin, { orgId: district, parentId: section.id })).rejects.toMatchObject({
      code: "INVALID",
    });
    await moveOrganization(admin, { orgId: section.id, parentId: await orgId(CULTURE) });
    await expect(setOrganizationActive(admin, district, false)).rejects.toMatchObject({ code: "INVALID" });
    await setOrganizationActive(admin, section.id, false);

    const tree = await listOrganizationTree(admin);
    const culture = tree[0]!.children.find((node) => node.name === CULTURE)!;
    expect(culture.children.find((node) => node.name === "区大数据发展中心")).toMatchObject({ active: false });

    // Those who see the unit are refused; to one who may not see it, it does not exist.
    for (const [username, code] of [
      ["secadmin", "FORBIDDEN"],
      ["siteadmin", "FORBIDDEN"],
      ["editor", "NOT_FOUND"],
    ] as const) {
      await expect(
        createOrganization(await actorFor(username), { parentId: district, name: "无权新建", kind: "SECTION" }),
        username,
      ).rejects.toMatchObject({ code });
    }
    // A site administrator sees only their own unit's subtree.
    const siteTree = await listOrganizationTree(await actorFor("siteadmin"));
    expect(siteTree.map((node) => node.name)).toEqual([DISTRICT]);
  });
});

describe("security settings", () => {
  it("are changed by the security administrator within bounds, and apply to sign-in", async () => {
    await fileDb();
    await keepSecuritySettings();
    const secadmin = await actorFor("secadmin");
    await expect(
      updateSecuritySettings(await actorFor("admin"), {
        lockoutThreshold: 3,
        lockoutMinutes: 15,
        passwordMaxAgeDays: 90,
        idleTimeoutMinutes: 30,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      updateSecuritySettings(secadmin, {
        lockoutThreshold: 1,
        lockoutMinutes: 15,
        passwordMaxAgeDays: 90,
        idleTimeoutMinutes: 30,
      }),
    ).rejects.toMatchObject({ code: "INVALID" });
    await updateSecuritySettings(secadmin, {
      lockoutThreshold: 3,
      lockoutMinutes: 20,
      passwordMaxAgeDays: 60,
      idleTimeoutMinutes: 15,
    });
    expect(await getSecuritySettings()).toMatchObject({
      lockoutThreshold: 3,
      lockoutMinutes: 20,
      passwordMaxAgeDays: 60,
      idleTimeoutMinutes: 15,
    });
    for (let i = 0; i < 3; i += 1)
      await authenticate({ username: "officer", password: "Wrong-Passw0rd" }, { ip: null, userAgent: null });
    expect(
      await authenticate({ username: "officer", password: TEST_PASSWORD }, { ip: null, userAgent: null }),
    ).toBeNull();
  });
});
