export * from "./actions.ts";
export * from "./audit.ts";
export * from "./cron.ts";
export * from "./notifications.ts";
export * from "./queue.ts";
export * from "./replay.ts";
export * from "./running.ts";
