import { defineConfig } from "prisma/config";

// Only `prisma generate` uses the CLI here; migrations run through the WebAssembly schema
// engine (lib/db/migrate.ts) because the CLI's native engine cannot be downloaded offline.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
