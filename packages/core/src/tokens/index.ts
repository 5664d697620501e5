export * from "./access.ts";
export * from "./issue.ts";
export * from "./new-link.ts";
export * from "./secret.ts";
