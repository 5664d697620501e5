export * from "./actions.ts";
export * from "./queue.ts";
