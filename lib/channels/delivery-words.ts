import type { DeliveryFailure, DeliveryStatus } from "@/lib/db/generated/client";
import { messages } from "@/lib/i18n/zh-CN";

// A delivery's state in words, the same on every screen (the resource's 分发状态, the channel
// list, 同源核验): the status, the failure kind's one sentence from lib/i18n, and the particular
// words of the last error as the detail.

export type DeliveryState = { status: DeliveryStatus; failure: DeliveryFailure | null; lastError: string | null };

/** The headline: the failure's sentence for a failed delivery, else the status; retries say so. */
export function deliveryStateLabel(delivery: DeliveryState): string {
  if (delivery.status === "FAILED")
    return delivery.failure ? messages.deliveryFailures[delivery.failure] : messages.deliveryStatus.FAILED;
  if (delivery.status === "PENDING" && delivery.lastError) return messages.deliveryRetrying;
  return messages.deliveryStatus[delivery.status];
}

/** The headline and, when there is one, the particular reason: `平台拒绝接收：微博正文超过 2000 字`. */
export function describeDeliveryState(delivery: DeliveryState): string {
  const label = deliveryStateLabel(delivery);
  return delivery.lastError && delivery.status !== "SENT" && delivery.status !== "ACKNOWLEDGED"
    ? `${label}（${delivery.lastError.replace(/。$/, "")}）`
    : label;
}
