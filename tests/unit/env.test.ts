import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("runs on embedded defaults with no configuration", () => {
    const env = parseEnv({}, "/srv/tongyuan");
    expect(env).toMatchObject({
      PORT: 3000,
      EMBEDDED_PG_PORT: 54329,
      isEmbeddedDatabase: true,
      demoMode: true,
      dataDir: "/srv/tongyuan/.data",
      searchEngine: "postgres",
    });
  });

  it("switches to production services when their variables are set", () => {
    const env = parseEnv({
      DATABASE_URL: "postgresql://app:secret@db:5432/tongyuan",
      AUTH_SECRET: "x".repeat(32),
      MEILI_URL: "http://meilisearch:7700",
      PORT: "8080",
    });
    expect(env).toMatchObject({ isEmbeddedDatabase: false, demoMode: false, searchEngine: "meilisearch", PORT: 8080 });
  });

  it.each([
    [{ DATABASE_URL: "mysql://db/x" }, "DATABASE_URL"],
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ MEILI_URL: "meili:7700" }, "MEILI_URL"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET"],
    [{ DEMO_MODE: "maybe" }, "DEMO_MODE"],
    [{ SEED_PASSWORD: "123" }, "SEED_PASSWORD"],
    [{ DATABASE_URL: "postgresql://app:secret@db:5432/tongyuan" }, "AUTH_SECRET"],
    [{ DELIVERY_RETRY_LIMIT: "many" }, "DELIVERY_RETRY_LIMIT"],
    [{ DELIVERY_RETRY_DELAY_SECONDS: "0" }, "DELIVERY_RETRY_DELAY_SECONDS"],
    [{ DELIVERY_TIMEOUT_SECONDS: "60", DELIVERY_EXPIRE_SECONDS: "30" }, "DELIVERY_TIMEOUT_SECONDS"],
    [{ JOBS_MAINTENANCE_SECONDS: "0" }, "JOBS_MAINTENANCE_SECONDS"],
    [{ WORKER_NICE: "20" }, "WORKER_NICE"],
    [{ WORKER_NICE: "-5" }, "WORKER_NICE"],
    [{ SMS_SENDER: "carrier-pigeon" }, "SMS_SENDER"],
    [{ SMS_SENDER: "http" }, "SMS_HTTP_URL"],
    // The development sender writes codes to the log: never in a production configuration.
    [
      {
        NODE_ENV: "production",
        DATABASE_URL: "postgresql://app:secret@db:5432/tongyuan",
        AUTH_SECRET: "x".repeat(32),
        SMS_SENDER: "dev-log",
      },
      "SMS_SENDER",
    ],
    [{ CONSULT_ANSWERS_PER_ADDRESS: "0" }, "CONSULT_ANSWERS_PER_ADDRESS"],
  ])("refuses %o and names %s", (source, variable) => {
    const attempt = () => parseEnv(source);
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.variable)).toContain(variable);
      expect((error as Error).message).toContain(variable);
    }
  });

  it("sends no SMS by default; dev-log is allowed on the embedded default", () => {
    expect(parseEnv({}).SMS_SENDER).toBe("off");
    expect(parseEnv({ NODE_ENV: "production", SMS_SENDER: "dev-log" }).SMS_SENDER).toBe("dev-log");
    expect(parseEnv({ SMS_SENDER: "http", SMS_HTTP_URL: "https://sms.example.gov.cn/send" }).SMS_SENDER).toBe("http");
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: " " }).isEmbeddedDatabase).toBe(true);
  });
});
