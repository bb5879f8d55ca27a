import { describe, expect, it } from "vitest";
import { mergeSecrets, parseConfig } from "@/lib/channels/channel-config";

const SECRET = "0123456789abcdef-signing";

describe("channel configuration", () => {
  it("keeps a kind's settings, drops optional ones left empty, and names each bad field", () => {
    expect(parseConfig("WEIBO", { apiBase: "  " })).toEqual({});
    expect(parseConfig("WECHAT", { appId: "wx0123456789abcdef", apiBase: "https://api.example.cn" })).toEqual({
      appId: "wx0123456789abcdef",
      apiBase: "https://api.example.cn",
    });
    expect(() => parseConfig("WECHAT", { appId: "123", apiBase: "ftp://x" })).toThrow(
      expect.objectContaining({
        code: "INVALID",
        message: "AppID 格式不正确（以 wx 开头，共 18 位）",
        fieldErrors: {
          appId: ["AppID 格式不正确（以 wx 开头，共 18 位）"],
          apiBase: ["接口地址须为以 http:// 或 https:// 开头的完整地址"],
        },
      }),
    );
  });

  it("replaces a credential typed in, keeps a stored one left empty, and puts a problem beside its field", () => {
    expect(mergeSecrets("WEBHOOK", { signingSecret: SECRET }, {})).toEqual({
      values: { signingSecret: SECRET },
      replaced: ["signingSecret"],
    });
    expect(mergeSecrets("WEBHOOK", { signingSecret: "" }, { signingSecret: SECRET })).toEqual({
      values: { signingSecret: SECRET },
      replaced: [],
    });
    expect(() => mergeSecrets("WEBHOOK", { signingSecret: "short" }, { signingSecret: SECRET })).toThrow(
      expect.objectContaining({
        code: "INVALID",
        message: "签名密钥至少 16 位",
        fieldErrors: { signingSecret: ["签名密钥至少 16 位"] },
      }),
    );
    expect(() => mergeSecrets("WECHAT", {}, {})).toThrow(
      expect.objectContaining({ message: "请填写AppSecret。", fieldErrors: { appSecret: ["请填写AppSecret"] } }),
    );
  });
});
