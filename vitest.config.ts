import { defineConfig } from "vitest/config";

// Integration tests talk to a real PostgreSQL: one server per run, one cloned database per test file.
export default defineConfig({
  test: {
    globalSetup: ["./packages/db/src/testing/global-setup.ts"],
    include: ["{apps,packages}/*/{src,test}/**/*.test.ts", "scripts/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
