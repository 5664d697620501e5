// Prisma's schema engine compiled to WebAssembly, driven through a pg driver adapter. It replaces the native
// `schema-engine` binary that the Prisma CLI downloads from Prisma's own host (unreachable on our machines),
// and writes the same `_prisma_migrations` table, so the ordinary `prisma migrate` still works elsewhere.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

export type SchemaEngine = glue.SchemaEngine;

const require = createRequire(import.meta.url);
let instantiated: Promise<void> | undefined;

/** The engine reports the reason for a Rust panic here before it throws `unreachable`. */
export let lastEnginePanic: string | undefined;

function instantiateWasm(): Promise<void> {
  instantiated ??= (async () => {
    Object.assign(globalThis, {
      PRISMA_WASM_PANIC_REGISTRY: {
        set_message: (message: string) => {
          lastEnginePanic = message;
        },
      },
    });
    // The package's own entry imports the .wasm file as an ES module (bundler style), which Node cannot do.
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(gluePath), "schema_engine_bg.wasm");
    const module = await WebAssembly.compile(await readFile(wasmPath));
    const instance = await WebAssembly.instantiate(module, { "./schema_engine_bg.js": glue });
    const exports = instance.exports as unknown as { __wbindgen_start: () => void };
    glue.__wbg_set_wasm(instance.exports);
    exports.__wbindgen_start();
  })();
  return instantiated;
}

/**
 * PostgreSQL's internal one-byte `"char"` type (catalog columns such as pg_constraint.contype) is not mapped
 * by @prisma/adapter-pg 7.10, yet the engine reads those columns as `Character` to describe a database.
 * The pool reports such columns as text (which the adapter accepts) and remembers where they were, by SQL
 * text (the same SQL always yields the same column types); the adapter then labels them `Character`.
 */
const charColumnsBySql = new Map<string, number[]>();
const pgCharOid = 18;
const pgTextOid = 25;

function catalogFriendlyPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  const query = pool.query.bind(pool) as (query: { text: string }) => Promise<pg.QueryResult>;
  Object.assign(pool, {
    query: async (request: { text: string }) => {
      const result = await query(request);
      const charColumns: number[] = [];
      (result.fields ?? []).forEach((field, index) => {
        if (field.dataTypeID !== pgCharOid) return;
        field.dataTypeID = pgTextOid;
        charColumns.push(index);
      });
      if (charColumns.length) charColumnsBySql.set(request.text, charColumns);
      return result;
    },
  });
  return pool;
}

function labelCharColumns<T extends SqlDriverAdapter>(adapter: T): T {
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumnsBySql.get(query.sql) ?? [])
      result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return adapter;
}

/**
 * A PrismaPg whose shadow database (for diffs against the migration history) is created and dropped through
 * its own maintenance connection. PrismaPg 7.10's own version overrides `database` next to a connection
 * string, which pg ignores, so its "shadow" would be the real database.
 */
class MigrationAdapterFactory extends PrismaPg {
  readonly #config: pg.PoolConfig;
  readonly #shadows: Array<() => Promise<void>> = [];

  constructor(config: pg.PoolConfig) {
    super(catalogFriendlyPool(config), { disposeExternalPool: true });
    this.#config = config;
  }

  override async connect() {
    return labelCharColumns(await super.connect());
  }

  override async connectToShadowDb() {
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await this.#maintenance(`CREATE DATABASE "${name}"`);
    const shadow = labelCharColumns(
      await new PrismaPg(catalogFriendlyPool({ ...this.#config, database: name }), {
        disposeExternalPool: true,
      }).connect(),
    );
    // The engine does not always dispose of the shadow database it asked for; `dropShadowDatabases` does.
    let dropped: Promise<void> | undefined;
    const closeShadow = shadow.dispose.bind(shadow);
    const drop = () => {
      dropped ??= closeShadow().then(() =>
        this.#maintenance(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
      return dropped;
    };
    shadow.dispose = drop;
    this.#shadows.push(drop);
    return shadow;
  }

  async dropShadowDatabases(): Promise<void> {
    await Promise.all(this.#shadows.splice(0).map((drop) => drop()));
  }

  async #maintenance(sql: string) {
    const client = new pg.Client(this.#config);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}

export interface OpenEngine {
  engine: SchemaEngine;
  close(): Promise<void>;
}

export async function openSchemaEngine(
  connectionString: string,
  schema: { path: string; content: string },
): Promise<OpenEngine> {
  await instantiateWasm();
  const url = new URL(connectionString);
  const factory = new MigrationAdapterFactory({
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)),
    ssl: url.searchParams.get("sslmode") === "require" ? { rejectUnauthorized: false } : undefined,
  });
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const log = (message: string) => {
    if (process.env.DEBUG_SCHEMA_ENGINE) console.warn(message);
  };
  const engine = await glue.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, log, adapter);
  return {
    engine,
    close: async () => {
      engine.free();
      await factory.dropShadowDatabases();
      const connection = await factory.connect();
      await connection.dispose();
    },
  };
}
