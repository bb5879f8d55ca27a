import { describe, expect, it, vi } from "vitest";
import { invalid, conflict } from "@/lib/errors";
import { handlePublicForm, MALFORMED_FORM_MESSAGE, readPublicForm } from "@/lib/http/public-form";

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "test" }) }));

// The one reader of the public multipart forms (letters, 政府信息公开申请).

function post(form: FormData | string, contentType?: string) {
  return new Request("http://www.spb.gov.cn/api/x", {
    method: "POST",
    body: form,
    ...(contentType ? { headers: { "content-type": contentType } } : {}),
  });
}

function filledForm() {
  const form = new FormData();
  form.set("title", "小区门口占道经营");
  form.set("unknown", "不读");
  form.set("website", "");
  form.set("captcha", "c29sdmVk");
  form.append("files", new File([new Uint8Array([1, 2, 3])], "身份证.png", { type: "image/png" }));
  form.append("files", new File([], "empty.png"));
  form.append("other", new File([new Uint8Array([9])], "other.png"));
  return form;
}

describe("readPublicForm", () => {
  it("reads the named fields, the spam guard and the captcha, and the non-empty files of one field", async () => {
    const read = await readPublicForm(post(filledForm()), { fields: ["title", "content"], fileField: "files" });
    expect(read?.input).toEqual({ title: "小区门口占道经营", website: "", captcha: "c29sdmVk" });
    expect(read?.files).toEqual([{ fileName: "身份证.png", bytes: new Uint8Array([1, 2, 3]) }]);
  });

  it("answers null for a body that is not a form", async () => {
    expect(await readPublicForm(post("{", "multipart/form-data; boundary=x"), { fields: [], fileField: "f" })).toBe(
      null,
    );
  });
});

describe("handlePublicForm", () => {
  const spec = { fields: ["title"], fileField: "files" } as const;

  it("hands the form and the request context to the use case", async () => {
    const response = await handlePublicForm(post(filledForm()), spec, async ({ input, files, context }) =>
      Response.json({ title: input.title, files: files.length, agent: context.userAgent }, { status: 201 }),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ title: "小区门口占道经营", files: 1, agent: "test" });
  });

  it("answers a malformed body with a Chinese 400 and never calls the use case", async () => {
    const submit = vi.fn();
    const response = await handlePublicForm(post("{", "multipart/form-data; boundary=x"), spec, submit);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: MALFORMED_FORM_MESSAGE });
    expect(submit).not.toHaveBeenCalled();
  });

  it("answers bad input with every field's error, other refusals with their status", async () => {
    const bad = await handlePublicForm(post(filledForm()), spec, async () => {
      throw invalid("请检查填写的内容。", { title: ["请填写标题"], phone: ["手机号码格式不正确"] });
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: "请检查填写的内容。",
      fieldErrors: { title: ["请填写标题"], phone: ["手机号码格式不正确"] },
    });
    const busy = await handlePublicForm(post(filledForm()), spec, async () => {
      throw conflict("提交过于频繁，请稍后再试。");
    });
    expect(busy.status).toBe(409);
    expect(await busy.json()).toEqual({ error: "提交过于频繁，请稍后再试。" });
  });
});
