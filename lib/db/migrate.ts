import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

// Migrations without the network. Prisma's CLI downloads a native schema engine on every command,
// which cannot happen here, so we drive Prisma's own schema engine compiled to WebAssembly
// (@prisma/schema-engine-wasm) through the pg driver adapter. It writes the standard
// `_prisma_migrations` table, so `prisma migrate deploy` works on the same folder wherever the
// native engine is available. The engine cannot introspect a live database through adapter-pg,
// so new migrations are computed by diffing the schema snapshot of the last migration against
// schema.prisma (see TOOLCHAIN.md).

export const SCHEMA_PATH = path.resolve("prisma/schema.prisma");
export const MIGRATIONS_DIR = path.resolve("prisma/migrations");
/** The schema as of the newest migration; what the next migration is diffed against. */
export const SNAPSHOT_PATH = path.join(MIGRATIONS_DIR, "schema.snapshot.prisma");
const LOCKFILE = "migration_lock.toml";

type SchemaFile = { path: string; content: string };
type WasmEngine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  free(): void;
};

let engineModule: Promise<{ SchemaEngine: { new: (...args: unknown[]) => Promise<WasmEngine> } }> | undefined;

async function loadEngineModule() {
  // The package is a bundler-target wasm-bindgen build: instantiate the .wasm ourselves with its
  // JS glue as the import object (a plain import fails on the .wasm extension under Node).
  engineModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(gluePath), "schema_engine_bg.wasm");
    const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const { instance } = await WebAssembly.instantiate(await fs.readFile(wasmPath), {
      "./schema_engine_bg.js": glue,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return glue as unknown as { SchemaEngine: { new: (...args: unknown[]) => Promise<WasmEngine> } };
  })();
  return engineModule;
}

async function withEngine<T>(
  connectionString: string,
  datamodel: SchemaFile,
  work: (engine: WasmEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const adapter = bindMigrationAwareSqlAdapterFactory(new WholeScriptPrismaPg({ connectionString }));
  const engine = await SchemaEngine.new({ datamodels: [[datamodel.path, datamodel.content]] }, () => {}, adapter);
  try {
    return await work(engine);
  } finally {
    engine.free();
  }
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/**
 * adapter-pg runs a migration script by splitting it on every ";", which breaks statements that
 * contain one (a PL/pgSQL function body, a comment). PostgreSQL's simple query protocol takes
 * the whole script at once, as the native engine sends it.
 */
class WholeScriptPrismaPg extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const internals = adapter as unknown as {
      client: { query: (sql: string) => Promise<unknown> };
      onError: (error: unknown) => never;
    };
    adapter.executeScript = async (script: string) => {
      try {
        await internals.client.query(script);
      } catch (error) {
        internals.onError(error);
      }
    };
    return adapter;
  }
}

/**
 * The SQL that turns a database shaped like `from` (or an empty one) into one shaped like `to`.
 * Pure computation: the connection string only satisfies the engine's constructor.
 */
export async function diffSchemas(connectionString: string, from: SchemaFile | null, to: SchemaFile): Promise<string> {
  return withEngine(connectionString, to, async (engine) => {
    const result = await engine.diff({
      from: from ? { tag: "schemaDatamodel", files: [from] } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [to] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? "";
  });
}

/** True when a diff script contains statements (an empty diff is only a comment). */
export function hasStatements(sql: string): boolean {
  return sql
    .split("\n")
    .map((line) => line.trim())
    .some((line) => line !== "" && !line.startsWith("--"));
}

export async function readSchema(schemaPath = SCHEMA_PATH): Promise<SchemaFile> {
  return { path: schemaPath, content: await fs.readFile(schemaPath, "utf8") };
}

export async function listMigrations(migrationsDir = MIGRATIONS_DIR) {
  if (!existsSync(migrationsDir)) return [];
  const entries = await fs.readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory() && existsSync(path.join(migrationsDir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      sql: await fs.readFile(path.join(migrationsDir, name, "migration.sql"), "utf8"),
    })),
  );
}

/** Applies every migration in `migrationsDir` that the database has not seen. Returns their names. */
export async function applyMigrations(
  connectionString: string,
  migrationsDir = MIGRATIONS_DIR,
  schemaPath = SCHEMA_PATH,
): Promise<string[]> {
  const migrations = await listMigrations(migrationsDir);
  const lockfilePath = path.join(migrationsDir, LOCKFILE);
  const lockfile = existsSync(lockfilePath) ? await fs.readFile(lockfilePath, "utf8") : null;
  return withEngine(connectionString, await readSchema(schemaPath), async (engine) => {
    const output = await engine.applyMigrations({
      migrationsList: {
        baseDir: migrationsDir,
        lockfile: { path: LOCKFILE, content: lockfile },
        shadowDbInitScript: "",
        migrationDirectories: migrations.map((migration) => ({
          path: migration.name,
          migrationFile: { path: "migration.sql", content: { tag: "ok", value: migration.sql } },
        })),
      },
      filters: NO_FILTERS,
    });
    return output.appliedMigrationNames;
  });
}

export function migrationDirectoryName(name: string, now = new Date()): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!slug) throw new Error("Give the migration a name in latin letters, e.g. `add_sites`.");
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `${stamp}_${slug}`;
}

/**
 * Writes the next migration: the difference between the snapshot of the last migration and
 * schema.prisma. Returns the new folder, or null when the schema has not changed.
 */
export async function createMigration(
  connectionString: string,
  name: string,
  migrationsDir = MIGRATIONS_DIR,
  schemaPath = SCHEMA_PATH,
): Promise<string | null> {
  const snapshotPath = path.join(migrationsDir, path.basename(SNAPSHOT_PATH));
  const current = await readSchema(schemaPath);
  const previous = existsSync(snapshotPath) ? await readSchema(snapshotPath) : null;
  const sql = await diffSchemas(connectionString, previous, current);
  if (!hasStatements(sql)) return null;
  const directory = path.join(migrationsDir, migrationDirectoryName(name));
  await fs.mkdir(directory, { recursive: true });
  await fs.writeFile(path.join(directory, "migration.sql"), sql);
  await fs.writeFile(snapshotPath, current.content);
  const lockfilePath = path.join(migrationsDir, LOCKFILE);
  if (!existsSync(lockfilePath)) {
    await fs.writeFile(
      lockfilePath,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }
  return directory;
}
