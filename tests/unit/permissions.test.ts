import { describe, expect, it } from "vitest";
import { findGrantingRole, PERMISSIONS, type Action } from "@/lib/auth/permissions";
import { computeObligation } from "@/lib/auth/session";
import { DEFAULT_SECURITY_SETTINGS } from "@/lib/auth/security-settings";
import { checkPasswordPolicy } from "@/lib/auth/password-policy";
import { Role } from "@/lib/db/generated/enums";

const ALL_ROLES = Object.values(Role);
// root → host → section; "other" is a second host unit under root.
const lineageOfSection = ["section", "host", "root"];

describe("the permission table", () => {
  for (const [action, rule] of Object.entries(PERMISSIONS) as [Action, (typeof PERMISSIONS)[Action]][]) {
    for (const role of ALL_ROLES) {
      const allowed = (rule.roles as readonly string[]).includes(role);
      it(`${action}: ${role} is ${allowed ? "allowed" : "refused"}`, () => {
        const atRoot = { id: "u", memberships: [{ orgId: "root", role, isRootOrg: true }] };
        const subject = rule.scope === "platform" ? ("platform" as const) : { orgId: "section" };
        const lineage = rule.scope === "platform" ? [] : lineageOfSection;
        expect(findGrantingRole(atRoot, action, subject, lineage)).toBe(allowed ? role : null);
      });
    }
    const permitted = rule.roles[0]!;
    it(`${action}: ${permitted} of another unit is refused`, () => {
      const elsewhere = { id: "u", memberships: [{ orgId: "other", role: permitted, isRootOrg: false }] };
      const subject = rule.scope === "platform" ? ("platform" as const) : { orgId: "section" };
      expect(findGrantingRole(elsewhere, action, subject, rule.scope === "platform" ? [] : lineageOfSection)).toBeNull();
    });
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
      if (!action.startsWith("audit.") && !action.startsWith("credential_reset.") && action !== "permissions.view" && action !== "org.view") {
        expect(rolesOf(action), action).not.toContain("AUDIT_ADMIN");
      }
    }
  });
});

describe("sign-in obligations", () => {
  const base = { isDemo: false, mustChangePassword: false, passwordChangedAt: new Date(), totpEnabledAt: new Date(), memberships: [{ role: "EDITOR" as const }] };
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
    for (const role of ["DIRECT_RESPONSIBLE", "FIRST_RESPONSIBLE", "SYSTEM_ADMIN", "SECURITY_ADMIN", "AUDIT_ADMIN"] as const) {
      expect(computeObligation({ ...noTotp, memberships: [{ role }] }, settings, false)).toBe("enroll_totp");
    }
  });

  it("lets seeded demo accounts skip both only in DEMO_MODE", () => {
    const demo = { ...base, isDemo: true, mustChangePassword: true, totpEnabledAt: null, memberships: [{ role: "SYSTEM_ADMIN" as const }] };
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
