export * from "./csv.ts";
export * from "./lifecycle.ts";
export * from "./manage.ts";
export * from "./public.ts";
export * from "./reports.ts";
