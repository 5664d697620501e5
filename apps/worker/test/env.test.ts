import { describe, expect, it } from "vitest";
import { checkProviderConfig, loadEnv, workerDatabaseUrl } from "../src/env.ts";

describe("worker environment", () => {
  it("names every missing production variable", () => {
    expect(() => loadEnv({ NODE_ENV: "production", DIRECT_URL: "postgres://x@localhost/db" })).toThrow(
      /NOTIFY_PROVIDER[\s\S]*APP_BASE_URL|APP_BASE_URL[\s\S]*NOTIFY_PROVIDER/,
    );
  });

  it("asks for a session connection when neither URL is set", () => {
    expect(() => workerDatabaseUrl(loadEnv({}))).toThrow(/DIRECT_URL \(or DATABASE_URL\)/);
  });

  it("prefers DIRECT_URL and defaults to the log provider outside production", () => {
    const env = loadEnv({ DATABASE_URL: "postgres://pooled/db", DIRECT_URL: "postgres://direct/db" });
    expect(workerDatabaseUrl(env)).toBe("postgres://direct/db");
    expect(env.NOTIFY_PROVIDER).toBe("log");
  });

  it("refuses a stale bound of fewer than four heartbeat intervals, saying why", () => {
    expect(() => loadEnv({ WORKER_HEARTBEAT_INTERVAL_MS: "5000", WORKER_STALE_AFTER_MS: "15000" })).toThrow(
      /WORKER_STALE_AFTER_MS: must be at least 4 × WORKER_HEARTBEAT_INTERVAL_MS \(20000 ms\)/,
    );
    expect(loadEnv({ WORKER_HEARTBEAT_INTERVAL_MS: "5000", WORKER_STALE_AFTER_MS: "20000" })).toMatchObject({
      WORKER_STALE_AFTER_MS: 20000,
    });
  });

  it("refuses a retry period shorter than the longest interval between tries", () => {
    expect(() => loadEnv({ NOTIFY_RETRY_FOR_MS: "60000", NOTIFY_RETRY_MAX_INTERVAL_MS: "900000" })).toThrow(
      /NOTIFY_RETRY_FOR_MS: must be at least NOTIFY_RETRY_MAX_INTERVAL_MS/,
    );
    expect(loadEnv({}).NOTIFY_RETRY_FOR_MS).toBe(24 * 60 * 60_000);
  });

  it("names the credentials a chosen provider needs", () => {
    expect(() => checkProviderConfig(loadEnv({ NOTIFY_PROVIDER: "meta" }))).toThrow(
      "NOTIFY_PROVIDER=meta needs: META_PHONE_NUMBER_ID, META_ACCESS_TOKEN",
    );
  });
});
