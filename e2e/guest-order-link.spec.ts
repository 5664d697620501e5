// A guest orders through the public API, then opens the magic link from their message: the token is swapped
// for an httpOnly cookie and a clean URL, and the order shows its code, status and down payment.
import { randomInt, randomUUID } from "node:crypto";
import { type APIRequestContext, expect, test } from "@playwright/test";

async function trpcQuery<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.get(
    `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
  );
  expect(response.status()).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function placeKitKatOrder(request: APIRequestContext) {
  const trip = await trpcQuery<{ products: { id: string; name: string }[] }>(request, "trip.bySlug", {
    slug: "tokyo-des-2026",
  });
  const kitKat = trip.products.find((product) => product.name.startsWith("Kit Kat Matcha"));
  expect(kitKat).toBeDefined();
  const response = await request.post("/api/trpc/order.place", {
    data: {
      json: {
        tripSlug: "tokyo-des-2026",
        idempotencyKey: randomUUID(),
        guest: {
          name: "Dewi Lestari",
          // A number per order: one number may hold only a few unpaid orders per trip, across runs too.
          phone: `0812 ${randomInt(10_000_000, 100_000_000)}`,
          shippingAddress: "Jl. Melati 5, Bandung 40115",
        },
        items: [{ productId: kitKat?.id, quantity: 2 }],
      },
    },
  });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    result: { data: { json: { token: string; order: { code: string } } } };
  };
  return body.result.data.json;
}

test("the magic link opens the order on a clean URL and keeps the token out of reach of scripts", async ({
  page,
  request,
  context,
}) => {
  const { token, order } = await placeKitKatOrder(request);

  await page.goto(`/o/${token}`);
  await expect(page).toHaveURL(/\/pesanan$/);
  await expect(page.getByTestId("order-code")).toHaveText(order.code);
  await expect(page.getByTestId("order-status")).toHaveText("Menunggu pembayaran DP");
  // 2 × Rp 95.000 = Rp 190.000; DP 20 % = Rp 38.000.
  await expect(page.getByTestId("order-dp")).toContainText(/Rp\s38\.000/);

  const cookie = (await context.cookies()).find((c) => c.name === "nitip_order");
  expect(cookie?.httpOnly).toBe(true);
  expect(await page.evaluate(() => document.cookie)).not.toContain(token);
});

test("a wrong magic link says so without revealing why", async ({ page }) => {
  await page.goto(`/o/${"x".repeat(43)}`);
  await expect(page).toHaveURL(/\/pesanan\?tautan=tidak-berlaku$/);
  await expect(page.getByTestId("order-link-invalid")).toContainText("salah atau sudah kedaluwarsa");
});
