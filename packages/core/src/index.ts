export * from "./errors.ts";
export * from "./notifications/outbox.ts";
export * from "./notifications/reminders.ts";
export * from "./notifications/templates.ts";
export * from "./orders/index.ts";
export * from "./proofs/index.ts";
export * from "./tokens/order-access.ts";
export * from "./trips.ts";
