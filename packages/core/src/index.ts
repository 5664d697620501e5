export * from "./errors.ts";
export * from "./notifications/outbox.ts";
export * from "./trips.ts";
