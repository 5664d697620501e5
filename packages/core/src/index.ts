export * from "./errors.ts";
export * from "./notifications/outbox.ts";
export * from "./notifications/reminders.ts";
export * from "./notifications/templates.ts";
export * from "./trips.ts";
