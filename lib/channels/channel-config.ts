import { z } from "zod";
import type { ChannelKind } from "@/lib/db/generated/client";
import { invalid } from "@/lib/errors";
import { parseInput, parseNestedInput } from "@/lib/validation/parse";
import { decryptChannelSecrets } from "@/lib/channels/secrets";

// A channel's configuration, per kind: the non-secret settings the adapters read from `config`,
// and the credentials, stored only encrypted in `secrets`.

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const httpUrl = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(500, `${label}不超过 500 字`)
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "http:" || url.protocol === "https:") && Boolean(url.hostname);
      } catch {
        return false;
      }
    }, `${label}须为以 http:// 或 https:// 开头的完整地址`);

const optionalUrl = (label: string) => z.preprocess(blankToUndefined, httpUrl(label).optional());

/** Non-secret settings each kind needs (what the adapters read from `config`). */
export const CONFIG_SCHEMAS = {
  WEBHOOK: z.object({ url: httpUrl("接收地址") }),
  APP: z.object({ url: httpUrl("接收地址") }),
  TOUTIAO: z.object({ url: httpUrl("接收地址") }),
  WECHAT: z.object({
    appId: z
      .string({ message: "请填写 AppID" })
      .trim()
      .regex(/^wx[0-9A-Za-z]{16}$/, "AppID 格式不正确（以 wx 开头，共 18 位）"),
    apiBase: optionalUrl("接口地址"),
  }),
  WEIBO: z.object({ apiBase: optionalUrl("接口地址") }),
  FEED: z.object({}),
} satisfies Record<ChannelKind, z.ZodType>;

const secret = (label: string, min: number) =>
  z
    .string()
    .min(min, `${label}至少 ${min} 位`)
    .max(512, `${label}过长`)
    .refine((value) => value.trim() === value && !/\s/.test(value), `${label}不能包含空格`);

/** Credentials each kind needs (stored only encrypted, in `secrets`). */
export const SECRET_FIELDS: Record<ChannelKind, { key: string; label: string; schema: z.ZodType<string> }[]> = {
  WEBHOOK: [{ key: "signingSecret", label: "签名密钥", schema: secret("签名密钥", 16) }],
  APP: [{ key: "signingSecret", label: "签名密钥", schema: secret("签名密钥", 16) }],
  TOUTIAO: [{ key: "signingSecret", label: "签名密钥", schema: secret("签名密钥", 16) }],
  WECHAT: [{ key: "appSecret", label: "AppSecret", schema: secret("AppSecret", 16) }],
  WEIBO: [{ key: "accessToken", label: "Access Token", schema: secret("Access Token", 16) }],
  FEED: [],
};

/** Form fields for a kind: the settings, then the credentials (for the channel form). */
export const CONFIG_FIELDS: Record<ChannelKind, { key: string; label: string; required: boolean }[]> = {
  WEBHOOK: [{ key: "url", label: "接收地址（URL）", required: true }],
  APP: [{ key: "url", label: "接收地址（URL）", required: true }],
  TOUTIAO: [{ key: "url", label: "接收地址（融媒体中心转发接口 URL）", required: true }],
  WECHAT: [
    { key: "appId", label: "AppID", required: true },
    { key: "apiBase", label: "接口地址（默认 https://api.weixin.qq.com）", required: false },
  ],
  WEIBO: [{ key: "apiBase", label: "接口地址（默认 https://api.weibo.com）", required: false }],
  FEED: [],
};

export function secretFieldsOf(kind: ChannelKind) {
  return SECRET_FIELDS[kind].map(({ key, label }) => ({ key, label }));
}

/**
 * The stored credentials, or none when they cannot be decrypted (the key was changed): the
 * administrator then sets them again instead of facing an error page.
 */
export function readStoredSecrets(stored: string | null): { values: Record<string, string>; readable: boolean } {
  try {
    return { values: decryptChannelSecrets(stored), readable: true };
  } catch {
    return { values: {}, readable: false };
  }
}

export function parseConfig(kind: ChannelKind, input: Record<string, unknown>): Record<string, string> {
  const parsed = parseInput(CONFIG_SCHEMAS[kind], input);
  // Optional settings left empty are not stored.
  return Object.fromEntries(
    Object.entries(parsed as Record<string, unknown>).filter(([, value]) => value !== undefined),
  ) as Record<string, string>;
}

/**
 * The credentials after this edit: a field typed in replaces the stored value, a field left
 * empty keeps it. Every credential the kind needs must end up set.
 */
export function mergeSecrets(
  kind: ChannelKind,
  input: Record<string, unknown>,
  stored: Record<string, string>,
): { values: Record<string, string>; replaced: string[] } {
  const values: Record<string, string> = {};
  const replaced: string[] = [];
  for (const field of SECRET_FIELDS[kind]) {
    const typed = input[field.key];
    if (typeof typed === "string" && typed !== "") {
      // The credential is one value, not an object: its problems are keyed by the field it came from.
      values[field.key] = parseNestedInput(field.schema, typed, { prefix: field.key });
      replaced.push(field.key);
    } else if (stored[field.key]) {
      values[field.key] = stored[field.key]!;
    } else {
      throw invalid(`请填写${field.label}。`, { [field.key]: [`请填写${field.label}`] });
    }
  }
  return { values, replaced };
}

/**
 * Why a channel cannot deliver as it is set up (未配置), in words, or null when it can: the
 * settings its kind needs and every credential, stored and readable with the configured key.
 * Deliveries to such a channel could only fail, so it is not offered for placement.
 */
export function channelSetupProblem(channel: {
  kind: ChannelKind;
  config: unknown;
  secrets: string | null;
}): string | null {
  const config = CONFIG_SCHEMAS[channel.kind].safeParse(channel.config ?? {});
  if (!config.success) {
    const missing = CONFIG_FIELDS[channel.kind].filter((field) => field.required).map((field) => field.label);
    return `未填写${missing.join("、")}`;
  }
  const needed = SECRET_FIELDS[channel.kind];
  if (needed.length === 0) return null;
  const stored = readStoredSecrets(channel.secrets);
  if (!stored.readable) return "接口凭据无法用当前密钥解密，须重新设置";
  const missing = needed.filter((field) => !stored.values[field.key]).map((field) => field.label);
  return missing.length ? `未设置接口凭据（${missing.join("、")}）` : null;
}
