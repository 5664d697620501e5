import "./tasks.ts";

export * from "./catalog.ts";
export * from "./crontab.ts";
export * from "./enqueue.ts";
export * from "./queue-health.ts";
