import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { ZLetterForm } from "@/lib/interaction/letter-form";

// The JSON a relay posts (POST /api/interaction/inbound): the fields of the public letter form,
// checked by the same rules, plus the relay's own message id and the time the writer sent it.
// No captcha, honeypot or privacy tick: the relay's signature stands for the channel, and the
// writer agreed to the channel's own notice there.

export const ZInboundMessage = ZLetterForm.pick({
  type: true,
  title: true,
  content: true,
  writerName: true,
  writerPhone: true,
  writerIdNumber: true,
  writerEmail: true,
  pageUrl: true,
}).extend({
  consentToPublish: z.boolean({ message: "consentToPublish 须为 true 或 false（是否同意公开）" }),
  messageId: zText({ singleLine: true })
    .trim()
    .regex(/^[\w.:/-]{1,100}$/, "messageId 须为 1–100 位字母、数字或 . : / _ -（接入方的消息编号）"),
  receivedAt: z.iso.datetime({
    offset: true,
    message: "receivedAt 须为带时区的 ISO 8601 时间，如 2026-12-06T09:30:00+08:00",
  }),
});
export type TInboundMessage = z.input<typeof ZInboundMessage>;

/** The largest body accepted: a letter's 3,000 characters with its fields, several times over. */
export const MAX_INBOUND_BYTES = 64 * 1024;

/** Header that names the relay (its id, shown once on registration with its secret). */
export const RELAY_HEADER = "X-Tongyuan-Relay";
export const IDEMPOTENCY_HEADER = "Idempotency-Key";
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
