import { describe, expect, it } from "vitest";

// Nothing listens on port 9: the database "does not answer".
process.env.DATABASE_URL = "postgresql://tongyuan_app:tongyuan_app@127.0.0.1:9/tongyuan";

describe("checkHealth without a database", () => {
  it("reports an error, which /api/health turns into 503", async () => {
    const { checkHealth } = await import("@/lib/health");
    expect(await checkHealth()).toMatchObject({ status: "error", database: "unreachable" });
    const { GET } = await import("@/app/api/health/route");
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "error" });
  });
});
