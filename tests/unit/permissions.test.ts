import { describe, expect, it } from "vitest";
import { findGrantingRole } from "@/lib/auth/permissions";
import { PERMISSIONS, type Action } from "@/lib/auth/permission-table";
import { computeObligation } from "@/lib/auth/session";
import { DEFAULT_SECURITY_SETTINGS } from "@/lib/auth/security-settings";
import { checkPasswordPolicy } from "@/lib/auth/password-policy";
import { Role } from "@/lib/db/generated/enums";
import { REVIEWED_POLICY } from "./permission-policy.snapshot";

const ALL_ROLES = Object.values(Role);
const ALL_ACTIONS = Object.keys(PERMISSIONS) as Action[];
// root → host → section; "other" is a second host unit under root.
const lineageOfSection = ["section", "host", "root"];
const lineageOfHost = ["host", "root"];

function grantsOf(role: Role) {
  const reviewed = REVIEWED_POLICY[role];
  return { org: new Set(reviewed.org), platform: new Set(reviewed.platform) };
}

describe("the permission table", () => {
  it("grants exactly the reviewed policy (tests/unit/permission-policy.snapshot.ts)", () => {
    const live = Object.fromEntries(
      ALL_ROLES.map((role) => {
        const held = ALL_ACTIONS.filter((action) => (PERMISSIONS[action].roles as readonly string[]).includes(role));
        return [
          role,
          {
            org: held.filter((action) => PERMISSIONS[action].scope === "org").sort(),
            platform: held.filter((action) => PERMISSIONS[action].scope === "platform").sort(),
          },
        ];
      }),
    );
    const reviewed = Object.fromEntries(
      Object.entries(REVIEWED_POLICY).map(([role, grants]) => [
        role,
        { org: [...grants.org].sort(), platform: [...grants.platform].sort() },
      ]),
    );
    expect(live).toEqual(reviewed);
  });

  // The engine, checked against the reviewed policy rather than the table it reads.
  for (const role of ALL_ROLES) {
    const { org, platform } = grantsOf(role);
    for (const action of ALL_ACTIONS) {
      const scope = org.has(action) ? "org" : platform.has(action) ? "platform" : null;
      const subject = PERMISSIONS[action].scope === "platform" ? ("platform" as const) : { orgId: "section" };
      const lineage = subject === "platform" ? [] : lineageOfSection;
      it(`${action}: ${role} is ${scope ? `allowed (${scope})` : "refused"}`, () => {
        const atRoot = { id: "u", memberships: [{ orgId: "root", role, isRootOrg: true }] };
        expect(findGrantingRole(atRoot, action, subject, lineage)).toBe(scope ? role : null);
      });
    }
    for (const action of org) {
      it(`${action}: ${role} reaches the units below its own, not above or beside it`, () => {
        const atHost = { id: "u", memberships: [{ orgId: "host", role, isRootOrg: false }] };
        const atSection = { id: "u", memberships: [{ orgId: "section", role, isRootOrg: false }] };
        const elsewhere = { id: "u", memberships: [{ orgId: "other", role, isRootOrg: false }] };
        expect(findGrantingRole(atHost, action as Action, { orgId: "section" }, lineageOfSection)).toBe(role);
        expect(findGrantingRole(atSection, action as Action, { orgId: "host" }, lineageOfHost)).toBeNull();
        expect(findGrantingRole(elsewhere, action as Action, { orgId: "section" }, lineageOfSection)).toBeNull();
      });
    }
    for (const action of platform) {
      it(`${action}: ${role} acts for the platform only when held in the supervising unit`, () => {
        const atHost = { id: "u", memberships: [{ orgId: "host", role, isRootOrg: false }] };
        expect(findGrantingRole(atHost, action as Action, "platform", [])).toBeNull();
        expect(findGrantingRole(atHost, action as Action, { orgId: "host" }, lineageOfHost)).toBeNull();
      });
    }
  }

  it("refuses an action that is not in the table", () => {
    const admin = { id: "u", memberships: [{ orgId: "root", role: "SYSTEM_ADMIN" as const, isRootOrg: true }] };
    expect(findGrantingRole(admin, "resource.delete_everything" as Action, "platform", [])).toBeNull();
  });

  it("keeps the three administrators apart (三员分立)", () => {
    const rolesOf = (action: Action) => PERMISSIONS[action].roles as readonly string[];
    expect(rolesOf("audit.view")).toEqual(["AUDIT_ADMIN"]);
    expect(rolesOf("membership.manage")).toEqual(["SECURITY_ADMIN"]);
    // Whoever creates an account (and learns its one-time password) cannot give it a role.
    expect(rolesOf("user.create").filter((role) => rolesOf("membership.manage").includes(role))).toEqual([]);
    for (const action of Object.keys(PERMISSIONS) as Action[]) {
      // The three administrators together approve one another's credential resets (two-person rule).
      if (
        !action.startsWith("audit.") &&
        !action.startsWith("credential_reset.") &&
        action !== "permissions.view" &&
        action !== "org.view"
      ) {
        expect(rolesOf(action), action).not.toContain("AUDIT_ADMIN");
      }
    }
  });
});

describe("sign-in obligations", () => {
  const base = {
    isDemo: false,
    mustChangePassword: false,
    passwordChangedAt: new Date(),
    totpEnabledAt: new Date(),
    memberships: [{ role: "EDITOR" as const }],
  };
  const settings = DEFAULT_SECURITY_SETTINGS;

  it("asks new and reset accounts, and expired passwords, for a new password", () => {
    expect(computeObligation({ ...base, mustChangePassword: true }, settings, false)).toBe("change_password");
    const old = new Date(Date.now() - 91 * 86_400_000);
    expect(computeObligation({ ...base, passwordChangedAt: old }, settings, false)).toBe("change_password");
    expect(computeObligation(base, settings, false)).toBeNull();
  });

  it("requires 2FA of approvers and administrators only", () => {
    const noTotp = { ...base, totpEnabledAt: null };
    expect(computeObligation(noTotp, settings, false)).toBeNull();
    for (const role of [
      "DIRECT_RESPONSIBLE",
      "FIRST_RESPONSIBLE",
      "SYSTEM_ADMIN",
      "SECURITY_ADMIN",
      "AUDIT_ADMIN",
    ] as const) {
      expect(computeObligation({ ...noTotp, memberships: [{ role }] }, settings, false)).toBe("enroll_totp");
    }
  });

  it("lets seeded demo accounts skip both only in DEMO_MODE", () => {
    const demo = {
      ...base,
      isDemo: true,
      mustChangePassword: true,
      totpEnabledAt: null,
      memberships: [{ role: "SYSTEM_ADMIN" as const }],
    };
    expect(computeObligation(demo, settings, true)).toBeNull();
    expect(computeObligation(demo, settings, false)).toBe("change_password");
  });
});

describe("password policy", () => {
  it.each([
    ["Short1!", ["至少需要 10"]],
    ["alllowercase1", ["至少三类"]],
    ["Zhangmin2026", []],
    ["zhang.min-2026", []],
  ])("%s", (password, expected) => {
    const problems = checkPasswordPolicy(password, "editor");
    expect(problems.length).toBe(expected.length);
    expected.forEach((fragment, index) => expect(problems[index]).toContain(fragment));
  });

  it("refuses the username as password", () => {
    expect(checkPasswordPolicy("Zhang.Min01", "zhang.min01").join()).toContain("用户名");
  });
});
