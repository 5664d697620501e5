// A guest orders through the public API, then opens the magic link from their message: the link is swapped
// for a browser credential in an httpOnly cookie (not the token) and a clean URL, the order shows its code,
// status and down payment, and one browser keeps several orders.
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
  await expect(page).toHaveURL(new RegExp(`/pesanan/${order.code}$`));
  await expect(page.getByTestId("order-code")).toHaveText(order.code);
  await expect(page.getByTestId("order-status")).toHaveText("Menunggu pembayaran DP");
  // 2 × Rp 95.000 = Rp 190.000; DP 20 % = Rp 38.000.
  await expect(page.getByTestId("order-dp")).toContainText(/Rp\s38\.000/);

  const cookies = await context.cookies();
  const cookie = cookies.find((c) => c.name === "nitip_orders");
  expect(cookie?.httpOnly).toBe(true);
  // The cookie holds a browser credential of its own, not the link's token.
  expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(JSON.stringify(cookies)).not.toContain(token);
  expect(await page.evaluate(() => document.cookie)).toBe("");
});

test("one browser opens two orders' links and keeps both", async ({ page, request }) => {
  const first = await placeKitKatOrder(request);
  const second = await placeKitKatOrder(request);
  await page.goto(`/o/${first.token}`);
  await expect(page.getByTestId("order-code")).toHaveText(first.order.code);
  await page.goto(`/o/${second.token}`);
  await expect(page.getByTestId("order-code")).toHaveText(second.order.code);

  await page.goto("/pesanan");
  const list = page.getByTestId("orders");
  await expect(list.getByRole("link")).toHaveText([second.order.code, first.order.code]);
  await list.getByRole("link", { name: first.order.code }).click();
  await expect(page).toHaveURL(new RegExp(`/pesanan/${first.order.code}$`));
  await expect(page.getByTestId("order-code")).toHaveText(first.order.code);
});

test("a wrong magic link says so without revealing why", async ({ page }) => {
  await page.goto(`/o/${"x".repeat(43)}`);
  await expect(page).toHaveURL(/\/pesanan\?tautan=tidak-berlaku$/);
  await expect(page.getByTestId("order-link-invalid")).toContainText("salah atau sudah kedaluwarsa");
});

test("another guest's order page stays closed to this browser", async ({ page, request }) => {
  const mine = await placeKitKatOrder(request);
  const theirs = await placeKitKatOrder(request);
  await page.goto(`/o/${mine.token}`);
  await page.goto(`/pesanan/${theirs.order.code}`);
  await expect(page.getByTestId("order-link-invalid")).toBeVisible();
  await expect(page.getByTestId("order-code")).toHaveCount(0);
});
