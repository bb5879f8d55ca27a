import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { parseInput, parseNestedInput } from "@/lib/validation/parse";

const Schema = z
  .object({
    title: z.string().min(1, "请填写标题。"),
    count: z.number({ error: "数量须为数字。" }).int().max(3, "至多 3 个。"),
  })
  .refine((value) => value.title !== "禁止", { message: "该标题不可用。" });

function caught(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError");
}

describe("parseInput", () => {
  it("returns the parsed value of valid input", () => {
    expect(parseInput(Schema, { title: "要闻", count: 2 })).toEqual({ title: "要闻", count: 2 });
  });

  it("throws INVALID with the first problem as message and every field's problems", () => {
    const error = caught(() => parseInput(Schema, { title: "", count: "x" }));
    expect(error.code).toBe("INVALID");
    expect(error.message).toBe("请填写标题。");
    expect(error.fieldErrors).toEqual({ title: ["请填写标题。"], count: ["数量须为数字。"] });
  });

  it("keeps problems of the whole input under the empty key", () => {
    const error = caught(() => parseInput(Schema, { title: "禁止", count: 1 }));
    expect(error.message).toBe("该标题不可用。");
    expect(error.fieldErrors).toEqual({ "": ["该标题不可用。"] });
  });

  it("uses the caller's headline when given", () => {
    expect(caught(() => parseInput(Schema, {}, "请检查填写的内容。")).message).toBe("请检查填写的内容。");
  });
});

describe("parseNestedInput", () => {
  const Nested = z.object({
    stages: z.array(z.object({ name: z.string().min(1, "请填写环节名称。") })),
    policy: z.object({ docNumber: z.string().regex(/〔/, "文号须用六角括号。") }),
  });

  it("returns the parsed value of valid input", () => {
    expect(
      parseNestedInput(Nested, { stages: [{ name: "初审" }], policy: { docNumber: "国办发〔2017〕47号" } }),
    ).toEqual({
      stages: [{ name: "初审" }],
      policy: { docNumber: "国办发〔2017〕47号" },
    });
  });

  it("keys every problem by its whole path under the prefix", () => {
    const error = caught(() =>
      parseNestedInput(
        Nested,
        { stages: [{ name: "初审" }, { name: "" }], policy: { docNumber: "1号" } },
        { prefix: "metadata." },
      ),
    );
    expect(error.code).toBe("INVALID");
    expect(error.message).toBe("请填写环节名称。");
    expect(error.fieldErrors).toEqual({
      "metadata.stages.1.name": ["请填写环节名称。"],
      "metadata.policy.docNumber": ["文号须用六角括号。"],
    });
  });

  it("builds the headline from the first problem when asked", () => {
    const error = caught(() =>
      parseNestedInput(
        Nested,
        { stages: [], policy: { docNumber: "1号" } },
        { message: (first) => `元数据填写有误：${first}` },
      ),
    );
    expect(error.message).toBe("元数据填写有误：文号须用六角括号。");
  });
});
