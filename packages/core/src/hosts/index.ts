export * from "./access.ts";
export * from "./profile.ts";
