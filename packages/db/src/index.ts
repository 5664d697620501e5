export type { Database, Db, Tx } from "./client.ts";
export { createDatabase } from "./client.ts";
export * from "./generated/prisma/client.ts";
export { preparedStatementName } from "./prepared.ts";
