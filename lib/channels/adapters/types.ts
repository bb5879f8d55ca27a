import type { ChannelKind, DeliveryFailure } from "@/lib/db/generated/client";
import type { Rendition } from "@/lib/channels/renditions/types";

// The contract between the delivery pipeline (lib/channels/deliveries.ts) and the platform
// adapters. An adapter turns one delivery into the platform's calls and answers what the platform
// said, or throws a DeliveryError that says whether trying again can help.

export type ChannelTarget = {
  id: string;
  kind: ChannelKind;
  /** Non-secret settings (url, appId, apiBase …), as stored on the channel. */
  config: Record<string, unknown>;
  /** Decrypted credentials (signingSecret, appSecret, accessToken). Never logged. */
  secrets: Record<string, string>;
};

export type DeliveryAction = "PUBLISH" | "CORRECT" | "RECALL" | "REPLY";

/**
 * What a REPLY carries back to the relay a letter came through (lib/interaction/inbound): the
 * reply exactly as the writer reads it with the 查询码; the delivery's contentHash is its text's.
 */
export type ReplyPayload = {
  queryCode: string;
  /** The relay's own id of the message (Letter.externalRef). */
  messageId: string | null;
  /** 1, or 2 for the reply after 重办. */
  round: number;
  text: string;
  unitName: string;
  /** ISO 8601. */
  repliedAt: string;
};

export type DeliveryRequest = {
  deliveryId: string;
  action: DeliveryAction;
  idempotencyKey: string;
  contentHash: string;
  /** null for a REPLY */
  publicationId: string | null;
  /** null for a REPLY */
  resourceId: string | null;
  /** What the platform called the previous delivery of this item (for corrections and recalls). */
  previousRemoteId: string | null;
  /** null for RECALL and REPLY */
  rendition: Rendition | null;
  /** REPLY only */
  reply: ReplyPayload | null;
  /** What an earlier attempt of this delivery recorded with saveCheckpoint (null: none). */
  checkpoint: DeliveryCheckpoint | null;
  /**
   * Records progress in its own committed statement before the adapter goes on, for platforms
   * without an idempotency key: a retry then resumes from there instead of repeating a call
   * that may already have taken effect.
   */
  saveCheckpoint: (checkpoint: DeliveryCheckpoint) => Promise<void>;
};

/**
 * Adapter-owned progress of one delivery. `uncertain`: a call that publishes went out and no
 * answer came back, so whether it took effect is unknown; the delivery fails and only a person
 * (after checking the platform) may retry, which clears it (retryDelivery).
 */
export type DeliveryCheckpoint = { uncertain?: boolean } & Record<string, string | number | boolean | null>;

export type DeliveryResult = {
  /** SENT: the platform accepted it and is still working on it; ACKNOWLEDGED: it confirmed it. */
  status: "SENT" | "ACKNOWLEDGED";
  remoteId: string | null;
};

export type DeliveryOptions = {
  timeoutMs: number;
  /** For tests and for a proxying fetch; the global fetch otherwise. */
  fetch?: typeof fetch;
};

export interface ChannelAdapter {
  deliver(target: ChannelTarget, request: DeliveryRequest, options: DeliveryOptions): Promise<DeliveryResult>;
  /**
   * Asks the platform again about a delivery left SENT (WeChat publishing runs asynchronously):
   * ACKNOWLEDGED with the final id once it is done, SENT while it is still in progress.
   * Adapters whose platforms answer at once have none.
   */
  poll?(target: ChannelTarget, remoteId: string, options: DeliveryOptions): Promise<DeliveryResult>;
}

/**
 * A failed delivery. `retryable`: 5xx, timeouts, network errors, rate limits and the platform's
 * "system busy" — the pipeline tries again with backoff; otherwise (4xx, a request the platform
 * refuses, missing credentials) it gives up and shows the message to the editor. Messages are in
 * Chinese and never contain credentials or tokens.
 */
export class DeliveryError extends Error {
  readonly retryable: boolean;
  readonly httpStatus?: number;

  /** The platform answered and refused (an error code in its reply): the call did not take effect. */
  readonly refused: boolean;

  /** The kind of failure when it is not the platform's doing (未配置, a result never answered). */
  readonly failure?: DeliveryFailure;

  constructor(
    message: string,
    options: { retryable: boolean; httpStatus?: number; refused?: boolean; cause?: unknown; failure?: DeliveryFailure },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DeliveryError";
    this.retryable = options.retryable;
    this.refused = options.refused ?? false;
    if (options.failure !== undefined) this.failure = options.failure;
    if (options.httpStatus !== undefined) this.httpStatus = options.httpStatus;
  }
}

/** A required rendition, or a clear non-retryable error (a pipeline bug, not a platform fault). */
export function requireRendition<F extends Rendition["format"]>(
  request: DeliveryRequest,
  format: F,
): Extract<Rendition, { format: F }> {
  const rendition = request.rendition;
  if (!rendition || rendition.format !== format) {
    throw new DeliveryError(`投递内容缺失或格式不符（需要 ${format}）。`, { retryable: false });
  }
  return rendition as Extract<Rendition, { format: F }>;
}

/** A credential the channel must have; its absence is a configuration problem, not a retry case. */
export function requireSecret(target: ChannelTarget, key: string, label: string): string {
  const value = target.secrets[key];
  if (!value)
    throw new DeliveryError(`渠道未配置${label}，请渠道管理员补充后重试。`, {
      retryable: false,
      failure: "CHANNEL_UNCONFIGURED",
    });
  return value;
}

/** A configured http(s) address, or the platform's default. */
export function configUrl(target: ChannelTarget, key: string, label: string, fallback?: string): URL {
  const raw = target.config[key];
  const value = typeof raw === "string" && raw.trim() !== "" ? raw.trim() : fallback;
  const unconfigured = { retryable: false, failure: "CHANNEL_UNCONFIGURED" } as const;
  if (!value) throw new DeliveryError(`渠道未配置${label}。`, unconfigured);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DeliveryError(`渠道的${label}不是有效地址。`, unconfigured);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new DeliveryError(`渠道的${label}须为 http(s) 地址。`, unconfigured);
  return url;
}
