// Browser tests in real Chromium against the production build, served by scripts/dev.ts on a fresh,
// seeded, throw-away database. Run with `pnpm test:e2e` (it builds the web app first).
import { execFileSync } from "node:child_process";
import { defineConfig, devices } from "@playwright/test";

// E2E_PORT lets several checkouts run their browser tests side by side.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
/** The loopback WhatsApp gateway the worker sends through (e2e/admin-fake-whatsapp.ts). */
const whatsappPort = Number(process.env.E2E_WHATSAPP_PORT ?? port + 1);
/** Where scripts/dev.ts writes its database's URL, for specs that move a deadline in SQL (see e2e/db.ts). */
const databaseUrlFile = `.data/e2e-${port}.database-url`;

/** CHROMIUM_PATH, else Debian's `chromium` on PATH, else Playwright's own browser (undefined). */
function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return (
      execFileSync("which", ["chromium"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() ||
      undefined
    );
  } catch {
    return undefined;
  }
}

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  timeout: 30_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "id-ID",
    timezoneId: "Asia/Jakarta",
    launchOptions: {
      executablePath: chromiumExecutable(),
      // These work as root in containers and keep the browser from calling home.
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // Guests mostly arrive from a WhatsApp link on a phone; every spec runs here.
    { name: "mobile-chromium", use: { ...devices["Pixel 7"] } },
    // Hosts and admins also work on a laptop. Specs for them run here too; a guest-only spec can opt out
    // with `test.skip(({ isMobile }) => !isMobile, ...)`.
    {
      name: "laptop-chromium",
      use: { ...devices["Desktop Chrome"], viewport: { width: 1366, height: 768 } },
      testMatch: /(sign-in|host|admin).*\.spec\.ts$/,
    },
  ],
  webServer: [
    {
      command: `node e2e/admin-fake-whatsapp.ts --port ${whatsappPort}`,
      url: `http://127.0.0.1:${whatsappPort}/health`,
      reuseExistingServer: !process.env.CI,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      command: `node scripts/dev.ts --prod --fresh --port ${port}`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      // dev.ts stops next, the worker and then PostgreSQL on SIGTERM; the default SIGKILL would orphan them.
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        // The production build under test signs hosts in through the dev mailbox (no SMTP here).
        DEV_MAILBOX: "1",
        NEXTAUTH_SECRET: "e2e-only-secret-0123456789-abcdefghijklmnop",
        // Every spec signs in from 127.0.0.1; the per-address limit (5/1h) stays as configured.
        RATE_LIMIT_SIGN_IN_PER_IP: "500/1h",
        NITIP_DATABASE_URL_FILE: databaseUrlFile,
        // WhatsApp goes through the loopback gateway, which answers 200 unless a spec makes a number fail; a
        // failing message gives up after about a second, so the admin spec sees it on the failed page.
        NOTIFY_PROVIDER: "fonnte",
        FONNTE_BASE_URL: `http://127.0.0.1:${whatsappPort}`,
        FONNTE_TOKEN: "e2e-token",
        NOTIFY_RETRY_FOR_MS: "1000",
        NOTIFY_RETRY_MAX_INTERVAL_MS: "1000",
      },
    },
  ],
});
