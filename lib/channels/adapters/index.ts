import type { ChannelKind } from "@/lib/db/generated/client";
import { feedAdapter } from "@/lib/channels/adapters/feed";
import type { ChannelAdapter } from "@/lib/channels/adapters/types";
import { webhookAdapter } from "@/lib/channels/adapters/webhook";
import { wechatAdapter } from "@/lib/channels/adapters/wechat";
import { weiboAdapter } from "@/lib/channels/adapters/weibo";

// One adapter per channel kind. APP and TOUTIAO go through the signed webhook: a government app's
// backend and the 融媒体中心's relay (头条号 has no open publishing API for government accounts)
// receive the same JSON rendition as any other webhook.

export * from "@/lib/channels/adapters/types";
export {
  verifyWebhookSignature,
  signWebhook,
  WEBHOOK_EVENTS,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from "@/lib/channels/adapters/webhook";

const ADAPTERS: Record<ChannelKind, ChannelAdapter> = {
  WEBHOOK: webhookAdapter,
  APP: webhookAdapter,
  TOUTIAO: webhookAdapter,
  WECHAT: wechatAdapter,
  WEIBO: weiboAdapter,
  FEED: feedAdapter,
};

export function getAdapter(kind: ChannelKind): ChannelAdapter {
  return ADAPTERS[kind];
}
