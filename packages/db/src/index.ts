export type { Database, Db, Tx } from "./client.ts";
export { createDatabase } from "./client.ts";
export { preparedStatementName } from "./prepared.ts";
export * from "./generated/prisma/client.ts";
