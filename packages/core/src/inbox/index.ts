export * from "./list.ts";
