// Generates the Prisma client into lib/db/generated. The Prisma CLI insists on locating its
// native schema engine even though generation never uses it, and that binary cannot be
// downloaded here; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies it
// (TOOLCHAIN.md). Migrations use the WebAssembly engine instead (lib/db/migrate.ts).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";

const schema = readFileSync("prisma/schema.prisma");
const stampFile = "lib/db/generated/.schema-hash";
const hash = createHash("sha256").update(schema).digest("hex");
if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === hash && !process.argv.includes("--force"))
  process.exit(0);

const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stampFile, hash);
