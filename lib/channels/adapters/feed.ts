import type { ChannelAdapter } from "@/lib/channels/adapters/types";

// A pull feed (JSON Feed at /api/channels/<id>/feed) is read by the platform, so "delivering" to
// it needs no network: the delivery is acknowledged at once and the feed lists the renditions of
// acknowledged, not recalled deliveries (lib/channels/feed.ts). A recall takes the item out of the
// feed by the same rule.
export const feedAdapter: ChannelAdapter = {
  async deliver(_target, request) {
    return {
      status: "ACKNOWLEDGED",
      remoteId: request.action === "RECALL" ? request.previousRemoteId : request.deliveryId,
    };
  },
};
