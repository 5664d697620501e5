// Smoke: the seeded demo trip renders on a phone with its products, prices and stock; the app is healthy.
import { expect, test } from "@playwright/test";

test("the demo trip page lists its products with prices and stock", async ({ page }) => {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`${message.text()} (${message.location().url})`);
  });

  const response = await page.goto("/t/tokyo-des-2026");
  expect(response?.status()).toBe(200);
  // The page works under the production CSP: a blocked script or image would be a console error below.
  expect(response?.headers()["content-security-policy"]).toContain("default-src 'self'");
  expect(response?.headers()["strict-transport-security"]).toContain("max-age=");

  await expect(page).toHaveTitle(/Jastip Tokyo Desember 2026/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jastip Tokyo Desember 2026");
  await expect(page.getByTestId("order-deadline")).toContainText("Tutup order");

  const banana = page.getByTestId("product").filter({ hasText: "Tokyo Banana Original (8 pcs)" });
  await expect(banana).toContainText(/Rp\s125\.000/);
  await expect(banana).toContainText(/Sisa \d+/);

  const kitKat = page.getByTestId("product").filter({ hasText: "Kit Kat Matcha (12 pcs)" });
  await expect(kitKat).toContainText(/Rp\s95\.000/);
  await expect(kitKat).toContainText("Stok tak terbatas");

  // Hydration mismatches and failed client queries surface as console errors.
  expect(problems).toEqual([]);
});

test("an unknown trip link is a 404 page", async ({ page }) => {
  const response = await page.goto("/t/tidak-ada-trip-ini");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Trip tidak ditemukan" })).toBeVisible();
});

test("the health endpoint answers 200 with the database up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  expect(await response.json()).toEqual({ status: "up" });
});
