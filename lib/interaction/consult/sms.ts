import { getEnv } from "@/lib/env";

// Sending a verification code to a phone (征集调查 that require one). Pluggable: SMS_SENDER picks
// the sender; a deployment with its own SMS gateway points SMS_HTTP_URL at it. Off by default, and
// then no activity may require a phone. `dev-log` writes the message to the server log for local
// development and demos; lib/env.ts refuses it in a production configuration.

export interface SmsSender {
  readonly name: string;
  send(phone: string, text: string): Promise<void>;
}

/** Development only: the "message" goes to the server log, where the developer reads the code. */
export class DevLogSmsSender implements SmsSender {
  readonly name = "dev-log（开发用：短信写入服务器日志，不真正发送）";
  /** The last messages, newest last: what a test or a local demo reads the code from. */
  readonly sent: { phone: string; text: string }[] = [];

  async send(phone: string, text: string): Promise<void> {
    this.sent.push({ phone, text });
    if (this.sent.length > 100) this.sent.shift();
    console.info(`[sms:dev-log] to ${phone}: ${text}`);
  }
}

/** A gateway that takes {"phone","text"} as JSON (the deployment's own SMS service or an adapter to one). */
export class HttpSmsSender implements SmsSender {
  readonly name = "http";
  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
  ) {}

  async send(phone: string, text: string): Promise<void> {
    const response = await fetch(this.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ phone, text }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
  }
}

const globalForSms = globalThis as unknown as { tongyuanSmsSender?: SmsSender | null };

/** The configured sender, or null when sending is off. */
export function getSmsSender(): SmsSender | null {
  if (globalForSms.tongyuanSmsSender !== undefined) return globalForSms.tongyuanSmsSender;
  const env = getEnv();
  const sender =
    env.SMS_SENDER === "http"
      ? new HttpSmsSender(env.SMS_HTTP_URL!, env.SMS_HTTP_TOKEN)
      : env.SMS_SENDER === "dev-log"
        ? new DevLogSmsSender()
        : null;
  globalForSms.tongyuanSmsSender = sender;
  return sender;
}
