import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  checkMigrations,
  createMigration,
  defaultMigrationsDir,
  defaultSchemaPath,
  deployMigrations,
} from "../src/migrate/index.ts";
import { useTestDatabase } from "../src/testing/vitest.ts";

const db = useTestDatabase({ max: 2 });
const scratch: string[] = [];

/** A copy of schema.prisma and the migrations, so a test can change them without touching the repo. */
async function copyOfProject() {
  const dir = await mkdtemp(path.join(tmpdir(), "nitip-migrate-"));
  scratch.push(dir);
  const schemaPath = path.join(dir, "schema.prisma");
  const migrationsDir = path.join(dir, "migrations");
  await cp(defaultSchemaPath, schemaPath);
  await cp(defaultMigrationsDir, migrationsDir, { recursive: true });
  return { schemaPath, migrationsDir };
}

/** The change under test: a new product field in schema.prisma, with no migration for it yet. */
async function addProductWeightField(schemaPath: string) {
  const schema = await readFile(schemaPath, "utf8");
  await writeFile(
    schemaPath,
    schema.replace(
      "  maxPerOrder    Int?",
      '  weightGrams    Int?          @map("weight_grams")\n  maxPerOrder    Int?',
    ),
  );
}

afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("migrate", () => {
  it("check passes when schema.prisma and the committed migrations agree", async () => {
    expect(await checkMigrations({ connectionString: db.url })).toBeNull();
  });

  it("check fails, naming the column, when a field is added to schema.prisma without a migration", async () => {
    const project = await copyOfProject();
    await addProductWeightField(project.schemaPath);
    const difference = await checkMigrations({ connectionString: db.url, ...project });
    expect(difference).toContain("Changed the `products` table");
    expect(difference).toContain("Added column `weight_grams`");
  });

  it("create writes the missing migration, after which check passes and deploy applies it", async () => {
    const project = await copyOfProject();
    await addProductWeightField(project.schemaPath);
    const name = await createMigration({ connectionString: db.url, name: "product_weight", ...project });
    expect(name).toMatch(/^\d{14}_product_weight$/);
    const sql = await readFile(path.join(project.migrationsDir, String(name), "migration.sql"), "utf8");
    expect(sql).toContain('ADD COLUMN     "weight_grams" INTEGER');
    expect(await checkMigrations({ connectionString: db.url, ...project })).toBeNull();
    // The test database was cloned from a template with every committed migration; only the new one is pending.
    expect(await deployMigrations({ connectionString: db.url, ...project })).toEqual([name]);
    const columns = await db.pool.query(
      "select column_name from information_schema.columns where table_name = 'products' and column_name = 'weight_grams'",
    );
    expect(columns.rowCount).toBe(1);
  });

  it("create writes nothing when there is nothing to migrate", async () => {
    const project = await copyOfProject();
    const before = await readdir(project.migrationsDir);
    expect(await createMigration({ connectionString: db.url, name: "nothing", ...project })).toBeNull();
    expect(await readdir(project.migrationsDir)).toEqual(before);
  });

  it("refuses a migration name that is not snake_case", async () => {
    await expect(createMigration({ connectionString: db.url, name: "Add Weight" })).rejects.toThrow(
      /snake_case/,
    );
  });

  it("leaves no shadow database behind", async () => {
    const shadows = await db.pool.query(
      "select datname from pg_database where datname like 'prisma_migrate_shadow_db_%'",
    );
    expect(shadows.rows).toEqual([]);
  });
});
