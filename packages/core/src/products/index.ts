export * from "./list.ts";
export * from "./manage.ts";
