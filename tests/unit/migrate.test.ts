import { describe, expect, it } from "vitest";
import { hasStatements, migrationDirectoryName } from "@/lib/db/migrate";
import { generatePassword } from "@/lib/auth/generated-password";

describe("migration helpers", () => {
  it("names migration folders by UTC time and a latin slug", () => {
    expect(migrationDirectoryName("Add sites & columns", new Date("2026-11-22T08:09:10Z"))).toBe(
      "20261122080910_add_sites_columns",
    );
    expect(() => migrationDirectoryName("栏目")).toThrow(/latin/);
  });

  it("tells an empty diff from one with statements", () => {
    expect(hasStatements("-- This is an empty migration.\n")).toBe(false);
    expect(hasStatements("")).toBe(false);
    expect(hasStatements('-- AlterTable\nALTER TABLE "Site" ADD COLUMN "x" TEXT;\n')).toBe(true);
  });
});

describe("generatePassword", () => {
  it("meets the password policy: 10+ characters from at least 3 classes", () => {
    for (let i = 0; i < 50; i += 1) {
      const password = generatePassword();
      expect(password.length).toBeGreaterThanOrEqual(10);
      const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
      expect(classes).toBeGreaterThanOrEqual(3);
    }
  });
});
