import { defineConfig } from "prisma/config";

// Only `prisma generate` uses the CLI here; migrations run through `pnpm db:migrate` (src/migrate), which
// drives Prisma's schema engine compiled to WebAssembly, so no datasource URL is needed in this file.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
