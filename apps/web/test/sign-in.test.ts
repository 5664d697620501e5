// Sign-in through next-auth's own request handler (the code behind /api/auth/*) with our options, adapter
// and dev mailbox, on a real database: a link is issued and stored hashed, works once, not after expiry;
// the session it opens is what getSessionUser reads; sign-out and expiry end it; ADMIN_EMAILS makes admins.
import { createRequire } from "node:module";
import path from "node:path";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import type { AuthOptions } from "next-auth";
import { beforeAll, describe, expect, it } from "vitest";

// next-auth's request core: the code both its Next.js route adapters call. Not in its package exports, so
// loaded by file; the Next adapter around it only copies cookies and headers from next/headers.
interface AuthResponse {
  redirect?: string;
  body?: unknown;
  cookies?: { name: string; value: string; options?: { maxAge?: number } }[];
}
const require = createRequire(import.meta.url);
const { AuthHandler } = require(path.join(path.dirname(require.resolve("next-auth")), "core/index.js")) as {
  AuthHandler: (params: { req: Request; options: AuthOptions }) => Promise<AuthResponse>;
};

const db = useTestDatabase({ max: 4 });
const base = "http://localhost:3000/api/auth";

let options: AuthOptions;
let readDevMailbox: typeof import("../src/server/auth/dev-mailbox").readDevMailbox;
let getSessionAccount: typeof import("../src/server/auth/session").getSessionAccount;
let sessionCookieName = "";

beforeAll(async () => {
  // The web app's configuration is read when its modules load.
  process.env.DATABASE_URL = db.url;
  process.env.ADMIN_EMAILS = "Boss@Example.test, second@example.test";
  const { createAuthOptions } = await import("../src/server/auth/options");
  ({ readDevMailbox } = await import("../src/server/auth/dev-mailbox"));
  ({ getSessionAccount } = await import("../src/server/auth/session"));
  sessionCookieName = (await import("../src/server/auth/cookies")).sessionCookie().name;
  options = createAuthOptions(db.prisma);
});

/** A browser's cookie jar, enough for next-auth's csrf and session cookies. */
class Browser {
  cookies = new Map<string, string>();

  async request(method: "GET" | "POST", path: string, body?: Record<string, string>) {
    const response = await AuthHandler({
      req: new Request(`${base}${path}`, {
        method,
        headers: {
          host: "localhost:3000",
          cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "),
          ...(body ? { "content-type": "application/json" } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      }),
      options,
    });
    for (const cookie of response.cookies ?? []) {
      if (cookie.options?.maxAge === 0 || cookie.value === "") this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  async askForLink(email: string): Promise<string> {
    const csrf = await this.request("GET", "/csrf");
    const csrfToken = (csrf.body as { csrfToken: string }).csrfToken;
    const sent = await this.request("POST", "/signin/email", { email, csrfToken, callbackUrl: "/host" });
    // The same "check your email" answer for every address (next-auth's verify-request sends on to our page).
    expect(sent.redirect).toBe(`${base}/verify-request?provider=email&type=email`);
    const mail = readDevMailbox().find((m) => m.to === email.trim().toLowerCase());
    if (!mail) throw new Error(`no email for ${email}`);
    return mail.url;
  }

  async open(link: string) {
    const url = new URL(link);
    return this.request("GET", `${url.pathname.replace("/api/auth", "")}${url.search}`);
  }

  headers(): Headers {
    return new Headers({ cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ") });
  }
}

describe("email sign-in", () => {
  it("issues a link stored only as a hash, which signs a new address in once as a host", async () => {
    const browser = new Browser();
    const link = await browser.askForLink("  Nia@Contoh.test ");
    const token = new URL(link).searchParams.get("token") ?? "";
    expect(token.length).toBeGreaterThanOrEqual(32);
    const stored = await db.prisma.verificationToken.findMany({ where: { identifier: "nia@contoh.test" } });
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).not.toContain(token);

    const opened = await browser.open(link);
    expect(opened.redirect).toBe("http://localhost:3000/host");
    const account = await getSessionAccount(browser.headers(), db.prisma);
    expect(account).toMatchObject({ email: "nia@contoh.test", user: { role: "host" } });
    // The cookie holds the session token; the database only its hash.
    const cookieValue = browser.cookies.get(sessionCookieName) ?? "";
    const sessions = await db.prisma.session.findMany({ where: { userId: account?.user.id } });
    expect(sessions).toHaveLength(1);
    expect(Buffer.from(sessions[0]?.tokenHash ?? []).toString("utf8")).not.toContain(cookieValue);
    expect(await db.prisma.verificationToken.count({ where: { identifier: "nia@contoh.test" } })).toBe(0);

    // The same link again: refused, and no new session.
    const stranger = new Browser();
    const again = await stranger.open(link);
    expect(again.redirect).toContain("error=Verification");
    expect(await getSessionAccount(stranger.headers(), db.prisma)).toBeNull();
  });

  it("refuses an expired link", async () => {
    const browser = new Browser();
    const link = await browser.askForLink("late@contoh.test");
    await db.prisma.verificationToken.updateMany({
      where: { identifier: "late@contoh.test" },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const opened = await browser.open(link);
    expect(opened.redirect).toContain("error=Verification");
    expect(await getSessionAccount(browser.headers(), db.prisma)).toBeNull();
  });

  it("gives a known and an unknown address the same answer", async () => {
    await db.prisma.user.create({ data: { email: "known@contoh.test" } });
    const known = await new Browser().askForLink("known@contoh.test");
    const unknown = await new Browser().askForLink("unknown@contoh.test");
    expect(new URL(known).pathname).toBe(new URL(unknown).pathname);
    // Nothing is created for the unknown address until the link is opened.
    expect(await db.prisma.user.count({ where: { email: "unknown@contoh.test" } })).toBe(0);
  });

  it("makes addresses in ADMIN_EMAILS admins, whatever their case", async () => {
    const browser = new Browser();
    await browser.open(await browser.askForLink("boss@example.test"));
    expect(await getSessionAccount(browser.headers(), db.prisma)).toMatchObject({ user: { role: "admin" } });
  });

  it("ends the session on sign-out: the old cookie opens nothing", async () => {
    const browser = new Browser();
    await browser.open(await browser.askForLink("leaving@contoh.test"));
    const copied = browser.headers();
    expect(await getSessionAccount(copied, db.prisma)).not.toBeNull();

    const csrf = await browser.request("GET", "/csrf");
    const csrfToken = (csrf.body as { csrfToken: string }).csrfToken;
    await browser.request("POST", "/signout", { csrfToken });
    expect(await getSessionAccount(copied, db.prisma)).toBeNull();
  });

  it("ignores an expired session", async () => {
    const browser = new Browser();
    await browser.open(await browser.askForLink("expired@contoh.test"));
    const account = await getSessionAccount(browser.headers(), db.prisma);
    await db.prisma.session.updateMany({
      where: { userId: account?.user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await getSessionAccount(browser.headers(), db.prisma)).toBeNull();
  });
});
