// pnpm --filter @nitip/db migrate [deploy | create <name> | check]
// Uses DIRECT_URL (or DATABASE_URL): migrations need a session, not a transaction-mode pooler.
import { checkMigrations, createMigration, deployMigrations } from "./index.ts";

const [command = "deploy", name] = process.argv.slice(2);
const connectionString = process.env.DIRECT_URL ?? process.env.DATABASE_URL;
if (!connectionString) {
  console.error("Set DATABASE_URL (or DIRECT_URL) to the PostgreSQL database to migrate.");
  process.exit(1);
}

if (command === "deploy") {
  const applied = await deployMigrations({ connectionString });
  console.warn(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
} else if (command === "create") {
  if (!name) throw new Error("Usage: migrate create <snake_case_name>");
  const created = await createMigration({ connectionString, name });
  console.warn(created ? `Created prisma/migrations/${created}` : "schema.prisma has no changes to migrate.");
} else if (command === "check") {
  const difference = await checkMigrations({ connectionString });
  if (difference) {
    console.error(`schema.prisma differs from the migrations. Run \`migrate create <name>\`.\n${difference}`);
    process.exit(1);
  }
  console.warn("Migrations match schema.prisma.");
} else {
  console.error(`Unknown command "${command}". Use deploy, create <name> or check.`);
  process.exit(1);
}
