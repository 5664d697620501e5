export * from "./actions.ts";
export * from "./metric-totals.ts";
export * from "./monitoring.ts";
export * from "./queue.ts";
