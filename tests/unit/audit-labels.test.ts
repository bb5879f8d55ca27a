import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { messages } from "@/lib/i18n/zh-CN";
import {
  AUDIT_CATEGORIES,
  auditActionChoices,
  auditActionLabel,
  categoryOf,
  describeAuditData,
  formatAuditValue,
} from "@/lib/audit/labels";

// Every action code the code base writes to the audit log has a Chinese name and a category, so
// the audit page never shows a raw code. The codes are read from the source: each recordAudit(…)
// call's `action`, whether a literal, a choice between literals, a template over a union type, a
// lookup table or a helper's parameter. A write the scan cannot resolve fails here too.

const ROOT = path.resolve(__dirname, "../..");
const SCANNED = ["lib", "app", "scripts"];
const SKIPPED = [path.join("lib", "db", "generated"), path.join("lib", "audit", "record.ts")];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const relative = path.relative(ROOT, full);
    if (SKIPPED.some((skipped) => relative.startsWith(skipped))) return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The text from `open` (an opening bracket) to its matching close, skipping strings. */
function balanced(text: string, open: number): string {
  const pairs: Record<string, string> = { "(": ")", "{": "}", "[": "]" };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"' || char === "'" || char === "`") {
      i = text.indexOf(char, i + 1);
      continue;
    }
    if (pairs[char]) stack.push(pairs[char]);
    else if (char === stack.at(-1)) {
      stack.pop();
      if (stack.length === 0) return text.slice(open, i + 1);
    }
  }
  throw new Error(`unbalanced brackets at ${open}`);
}

/** The expression of the object literal's top-level `action` property (`action` alone when shorthand). */
function actionExpression(args: string): string | null {
  let depth = 0;
  for (let i = 0; i < args.length; i++) {
    const char = args[i]!;
    if (char === '"' || char === "'" || char === "`") {
      i = args.indexOf(char, i + 1);
      continue;
    }
    if ("({[".includes(char)) depth += 1;
    else if (")}]".includes(char)) depth -= 1;
    else if (depth === 2 && /\baction\b/.test(args.slice(i, i + 6)) && !/[\w.]/.test(args[i - 1] ?? "")) {
      const rest = args.slice(i + "action".length);
      const shorthand = /^\s*[,}]/.test(rest);
      if (shorthand) return "action";
      const colon = /^\s*:\s*/.exec(rest);
      if (!colon) continue;
      let end = colon[0].length;
      let inner = 0;
      for (; end < rest.length; end++) {
        const c = rest[end]!;
        if (c === '"' || c === "'" || c === "`") {
          end = rest.indexOf(c, end + 1);
          continue;
        }
        if ("({[".includes(c)) inner += 1;
        else if (")}]".includes(c)) {
          if (inner === 0) break;
          inner -= 1;
        } else if (c === "," && inner === 0) break;
      }
      return rest.slice(colon[0].length, end).trim();
    }
  }
  return null;
}

const literals = (text: string) => [...text.matchAll(/"([a-z_.]+)"/g)].map((match) => match[1]!);

/** The codes an `action` expression can take, resolved within its file. */
function codesOf(expression: string, source: string, at: number, where: string): string[] {
  const direct = literals(expression);
  if (direct.length) return direct;
  const template = /^`([a-z_.]+)\$\{(\w+)\}`$/.exec(expression);
  if (template) {
    const [, prefix, variable] = template;
    // The nearest declaration of the variable before the call names its type.
    const typeName = [...source.slice(0, at).matchAll(new RegExp(`\\b${variable}\\s*:\\s*(\\w+)`, "g"))].at(-1)?.[1];
    const union = typeName && new RegExp(`type ${typeName}\\s*=([^;]+);`).exec(source)?.[1];
    if (!union) throw new Error(`${where}: cannot resolve the values of \${${variable}} in ${expression}`);
    return literals(union).map((value) => `${prefix}${value}`);
  }
  const lookup = /^(\w+)\[.+\]$/.exec(expression);
  if (lookup) {
    const table = new RegExp(`const ${lookup[1]}\\b[^=]*=\\s*\\{([^}]*)\\}`).exec(source)?.[1];
    if (!table) throw new Error(`${where}: cannot find the table ${lookup[1]}`);
    return literals(table);
  }
  if (/^\w+$/.test(expression)) {
    // A helper's parameter: `const record = async (action: string, …) => recordAudit(tx, { action, … })`.
    const helper = new RegExp(`(?:const|function)\\s+(\\w+)\\s*=?\\s*(?:async\\s*)?\\(\\s*${expression}\\s*:`).exec(
      source,
    )?.[1];
    const calls = helper ? [...source.matchAll(new RegExp(`\\b${helper}\\(\\s*"([a-z_.]+)"`, "g"))] : [];
    if (!calls.length) throw new Error(`${where}: cannot find the codes passed as ${expression}`);
    return calls.map((call) => call[1]!);
  }
  throw new Error(`${where}: cannot read the action code of ${expression}`);
}

type AuditWrite = { where: string; codes: string[]; dataKeys: string[] };

/** The field names of a `data: { … }` literal, at any depth (before/after included; spreads are not read). */
function dataKeys(args: string): string[] {
  const start = /\bdata:\s*\{/.exec(args);
  if (!start) return [];
  const literal = balanced(args, start.index + start[0].length - 1);
  return [...literal.matchAll(/[{,]\s*(\w+)\s*[:,}]/g)].map((match) => match[1]!);
}

function auditWrites(): AuditWrite[] {
  const writes: AuditWrite[] = [];
  for (const file of SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))) {
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/\brecordAudit\(/g)) {
      const where = `${path.relative(ROOT, file)}:${source.slice(0, match.index).split("\n").length}`;
      if (/(function|import[^;]*)\s*$/.test(source.slice(Math.max(0, match.index - 40), match.index))) continue;
      const args = balanced(source, match.index + "recordAudit".length);
      const expression = actionExpression(args);
      if (!expression) throw new Error(`${where}: recordAudit without an action`);
      writes.push({ where, codes: codesOf(expression, source, match.index, where), dataKeys: dataKeys(args) });
    }
  }
  return writes;
}

function writtenActionCodes(): Map<string, string> {
  return new Map(auditWrites().flatMap(({ where, codes }) => codes.map((code) => [code, where] as const)));
}

describe("audit action names", () => {
  const written = writtenActionCodes();

  it("reads the codes of every audit write in the code base", () => {
    // Literal, ternary, template (auth.session.*), lookup table (credential resets) and helper (registry decisions).
    expect(written.size).toBeGreaterThan(80);
    for (const code of ["auth.session.idle_timeout", "user.reset_totp", "registry.account.open", "org.deactivate"])
      expect(written.has(code), code).toBe(true);
  });

  it("names every action code written anywhere, in Chinese, within a category", () => {
    const unnamed = [...written].filter(([code]) => !Object.hasOwn(messages.audit.actions, code));
    expect(unnamed.map(([code, where]) => `${code} (${where})`)).toEqual([]);
    const uncategorised = [...written.keys()].filter((code) => categoryOf(code) === null);
    expect(uncategorised).toEqual([]);
  });

  it("gives every named action and category Chinese words, and lists every action once in the filter", () => {
    for (const [code, label] of Object.entries(messages.audit.actions)) {
      expect(label, code).toMatch(/[\u4e00-\u9fff]/);
      expect(categoryOf(code), code).not.toBeNull();
    }
    for (const category of AUDIT_CATEGORIES) expect(messages.audit.categories[category]).toMatch(/^[\u4e00-\u9fff]/);
    const listed = auditActionChoices().flatMap((choice) => choice.actions.map((action) => action.code));
    expect(listed.sort()).toEqual(Object.keys(messages.audit.actions).sort());
  });

  it("names every field an audit write records, so before/after tables read in Chinese", () => {
    const keys = auditWrites().flatMap(({ where, dataKeys }) => dataKeys.map((key) => ({ key, where })));
    expect(keys.length).toBeGreaterThan(100);
    const unnamed = keys.filter(({ key }) => !Object.hasOwn(messages.audit.fields, key));
    expect(unnamed.map(({ key, where }) => `${key} (${where})`)).toEqual([]);
    for (const [key, label] of Object.entries(messages.audit.fields))
      expect(label, key).toMatch(/[\u4e00-\u9fff]|^AppID$/);
  });

  it("reads an unknown code as an unnamed action, never as the code", () => {
    expect(auditActionLabel("test.rolled_back")).toBe("未命名的操作");
    expect(auditActionLabel("auth.sign_in.failure")).toBe("登录失败");
    expect(categoryOf("auth.sign_in.failure")).toBe("account");
    expect(categoryOf("registry.account.open")).toBe("registry");
    expect(categoryOf("channel.placement.add")).toBe("channel");
  });
});

describe("audit content as a table", () => {
  it("shows before and after field by field, with Chinese field names and values", () => {
    const detail = describeAuditData({
      before: { name: "旧名称", active: true, role: "EDITOR" },
      after: { name: "新名称", active: false, role: "SITE_ADMIN" },
      requestId: "r-1",
    });
    expect(detail).toEqual({
      kind: "change",
      rows: [
        { field: "name", label: "名称", before: "旧名称", after: "新名称" },
        { field: "active", label: "启用", before: "是", after: "否" },
        { field: "role", label: "角色", before: "采编", after: "网站管理员" },
      ],
      other: [{ field: "requestId", label: "申请编号", value: "r-1" }],
    });
  });

  it("shows a single changed value and a plain record", () => {
    expect(describeAuditData({ before: "VALID", after: "REPEALED", cause: "废止" })).toMatchObject({
      kind: "change",
      rows: [{ before: "有效", after: "已废止" }],
    });
    expect(describeAuditData({ username: "editor", reason: "wrong_password" })).toEqual({
      kind: "fields",
      rows: [
        { field: "username", label: "用户名", value: "editor" },
        { field: "reason", label: "原因", value: "密码错误" },
      ],
    });
  });

  it("writes times in China time, lists and nested objects in words", () => {
    expect(formatAuditValue("runAt", "2026-12-06T01:30:00.000Z")).toBe("2026-12-06 09:30");
    expect(formatAuditValue("checks", ["politics", "secrecy"])).toBe("政治关、保密关");
    expect(formatAuditValue("after", { org: "区政府办", role: "EDITOR", checks: [] })).toBe(
      "单位：区政府办；角色：采编；审核关口：—",
    );
  });
});
