import { describe, expect, it } from "vitest";
import { checkHealth } from "@/lib/health";

describe("checkHealth", () => {
  it("is ok with PostgreSQL search when the database answers and no Meilisearch is configured", async () => {
    expect(await checkHealth()).toMatchObject({ status: "ok", database: "ok", search: { engine: "postgres", status: "ok" } });
  });
});
