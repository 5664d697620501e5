// Vitest global setup: one PostgreSQL server for the whole run, one migrated template database.
// With DATABASE_URL set, its server is used (the role needs CREATEDB); otherwise an embedded server starts
// in a temporary folder and is removed afterwards.
import type { TestProject } from "vitest/node";
import { databaseUrl, startEmbeddedPostgres } from "../embedded.ts";
import { deployMigrations } from "../migrate/index.ts";
import { recreateTemplateDatabase } from "./index.ts";
import type {} from "./provided-context.ts";

export default async function setup(project: TestProject) {
  let serverUrl = process.env.DATABASE_URL ? databaseUrl(process.env.DATABASE_URL, "postgres") : undefined;
  let teardown = async () => {};
  if (!serverUrl) {
    const server = await startEmbeddedPostgres({ durable: false });
    serverUrl = server.url;
    teardown = () => server.stop();
  }
  const templateUrl = await recreateTemplateDatabase(serverUrl);
  await deployMigrations({ connectionString: templateUrl });
  project.provide("databaseServerUrl", serverUrl);
  return teardown;
}
