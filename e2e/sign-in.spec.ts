// Hosts sign in with an emailed link, read here from the dev mailbox (the production build under test runs
// with DEV_MAILBOX=1 and no SMTP): a new address lands in the workspace (onboarding), the demo host too, and
// signing out ends the session on the server, not just in this browser.
import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";

const workspace = /\/host(\/onboarding)?(\?.*)?$/;

/** Asks for a link for `email` and opens it from the dev mailbox; returns the link. */
async function signInThroughMailbox(page: Page, email: string): Promise<string> {
  // A marker in the return path tells this test's email from others sent in parallel to the same address.
  const marker = randomUUID();
  await page.goto(`/masuk?callbackUrl=${encodeURIComponent(`/host?e2e=${marker}`)}`);
  await expect(page.getByRole("heading", { name: "Masuk ke Nitip" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Kirim tautan masuk" }).click();

  await expect(page.getByRole("heading", { name: "Cek email Anda" })).toBeVisible();
  await page.getByRole("link", { name: /kotak surat dev/ }).click();
  const link = page.getByTestId("dev-mail").filter({ hasText: email }).locator(`a[href*="${marker}"]`);
  await expect(link).toHaveCount(1);
  const href = await link.getAttribute("href");
  expect(href).toBeTruthy();
  await link.click();
  await expect(page).toHaveURL(workspace);
  return href ?? "";
}

test("a new address signs in through the dev mailbox and lands in the workspace", async ({ page }) => {
  const email = `host-${randomUUID().slice(0, 8)}@contoh.test`;
  await signInThroughMailbox(page, email);
  await expect(page.getByTestId("user-menu")).toBeVisible();
  // A new address has no host profile: /host sends it on to onboarding; read cookies once it has settled.
  await expect(page).toHaveURL(/\/host\/onboarding/);
  await page.waitForLoadState("load");

  // The session cookie is the server's, out of reach of scripts.
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name.endsWith("nitip.session"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect(await page.evaluate(() => document.cookie)).not.toContain("nitip.session");
});

test("the demo host signs in, and signing out ends the session for good", async ({ page, context }) => {
  const link = await signInThroughMailbox(page, "host@nitip.test");
  await expect(page.getByTestId("user-menu")).toBeVisible();
  const signedIn = (await context.cookies()).find((cookie) => cookie.name.endsWith("nitip.session"));
  expect(signedIn).toBeDefined();

  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Keluar" }).click();
  await expect(page.getByText("Anda sudah keluar.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Masuk", exact: true })).toBeVisible();

  // Put the old cookie back: the server deleted its session, so it opens nothing.
  if (signedIn) await context.addCookies([signedIn]);
  await page.goto("/masuk");
  await expect(page.getByRole("heading", { name: "Masuk ke Nitip" })).toBeVisible();
  await expect(page.getByTestId("user-menu")).toHaveCount(0);

  // The emailed link works once only.
  await page.goto(link);
  await expect(page).toHaveURL(/\/masuk\?.*error=Verification/);
  await expect(page.getByTestId("sign-in-error")).toContainText("sudah dipakai atau kedaluwarsa");
});

test("a malformed address is refused in the form, in the user's language", async ({ page }) => {
  await page.goto("/masuk");
  await page.getByLabel("Email").fill("bukan-email");
  await page.getByRole("button", { name: "Kirim tautan masuk" }).click();
  await expect(page.getByText("Masukkan alamat email yang benar")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Nitip" })).toBeVisible();
});

test("asking for links to one address is rate limited, with the wait in Retry-After", async ({ request }) => {
  const email = `limit-${randomUUID().slice(0, 8)}@contoh.test`;
  const ask = async () => {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    return request.post("/api/auth/signin/email", {
      form: { email, csrfToken, callbackUrl: "/host", json: "true" },
    });
  };
  for (let i = 0; i < 5; i += 1) expect((await ask()).status()).toBe(200);
  const refused = await ask();
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  expect(((await refused.json()) as { url: string }).url).toContain("/masuk?error=TooMany");
});
