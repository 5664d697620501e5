// A guest on a phone orders from the trip page: cart, checkout, payment instructions. And a product that
// sells out while it sits in a second guest's cart: checkout says so, fixes the cart and charges nothing.
import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";

const slug = "tokyo-des-2026";

async function productId(request: APIRequestContext, name: string): Promise<string> {
  const response = await request.get(
    `/api/trpc/trip.bySlug?input=${encodeURIComponent(JSON.stringify({ json: { slug } }))}`,
  );
  const trip = (
    (await response.json()) as { result: { data: { json: { products: { id: string; name: string }[] } } } }
  ).result.data.json;
  const product = trip.products.find((p) => p.name.startsWith(name));
  if (!product) throw new Error(`the demo trip has no "${name}"`);
  return product.id;
}

/** Another guest buys through the API (each with their own phone, under the per-phone limit). */
async function buyThroughApi(request: APIRequestContext, id: string, quantity: number, phone: string) {
  const response = await request.post("/api/trpc/order.place", {
    data: {
      json: {
        tripSlug: slug,
        idempotencyKey: randomUUID(),
        guest: { name: "Tamu Lain", phone, shippingAddress: "Jl. Kenanga 9, Depok" },
        items: [{ productId: id, quantity }],
      },
    },
  });
  expect(response.status()).toBe(200);
}

function product(page: Page, name: string) {
  return page.getByTestId("product").filter({ hasText: name });
}

async function fillDetails(page: Page, name: string) {
  await expect(page).toHaveURL(/\/checkout$/);
  await page.getByLabel("Nama", { exact: true }).fill(name);
  await page.getByLabel("Nomor WhatsApp").fill("0812-3456-7890");
  await page.getByLabel("Alamat pengiriman").fill("Jl. Mawar 12, Jakarta Selatan 12345");
}

test("a guest adds two products, checks out and sees how to pay", async ({ page }) => {
  await page.goto(`/t/${slug}`);
  await expect(page.getByTestId("countdown")).toBeVisible();

  const banana = product(page, "Tokyo Banana Original");
  await banana.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await banana.getByRole("button", { name: /^Tambah Tokyo Banana/ }).click();
  await expect(banana.getByRole("status", { name: /Jumlah/ })).toHaveText("2");
  await product(page, "Kit Kat Matcha").getByRole("button", { name: "Tambah ke keranjang" }).click();

  // 2 × Rp 125.000 + Rp 95.000; the cart is still there after a reload.
  await page.reload();
  await expect(page.getByTestId("cart-bar")).toContainText(/3 barang · Rp\s345\.000/);
  await page.getByRole("link", { name: "Lanjut ke checkout" }).click();

  await expect(page.getByTestId("cart-total")).toHaveText(/Rp\s345\.000/);
  await fillDetails(page, "Sinta Maharani");
  await page.getByRole("button", { name: "Pesan sekarang" }).click();

  const placed = page.getByTestId("placed-order");
  await expect(placed.getByRole("heading", { name: "Pesanan dibuat" })).toBeVisible();
  await expect(page.getByTestId("order-code")).toHaveText(/\S{4,}/);
  // The demo trip asks a 20 % down payment: Rp 69.000 of Rp 345.000.
  await expect(page.getByTestId("amount-due")).toHaveText(/Rp\s69\.000/);
  await expect(placed).toContainText("1234567890");
  await expect(placed.getByTestId("countdown")).toBeVisible();
  await expect(placed.getByRole("link", { name: /Buka pesanan/ })).toHaveAttribute("href", /^\/o\/.+/);
});

test("a product sold out while in the cart: checkout says so, lowers the cart and orders nothing", async ({
  page,
  request,
}) => {
  const royce = await productId(request, "Royce Nama Chocolate");
  await page.goto(`/t/${slug}`);
  const card = product(page, "Royce Nama Chocolate");
  await card.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await card.getByRole("button", { name: /^Tambah Royce/ }).click();
  await product(page, "Kit Kat Matcha").getByRole("button", { name: "Tambah ke keranjang" }).click();
  await page.getByRole("link", { name: "Lanjut ke checkout" }).click();
  await fillDetails(page, "Bayu Pratama");

  // Meanwhile other guests buy 5 of the 6: one is left, the cart holds 2.
  await buyThroughApi(request, royce, 2, "081300000001");
  await buyThroughApi(request, royce, 2, "081300000002");
  await buyThroughApi(request, royce, 1, "081300000003");

  await page.getByRole("button", { name: "Pesan sekarang" }).click();
  await expect(page.getByTestId("checkout-notice")).toContainText("Stok berubah: Royce Nama Chocolate");
  await expect(page.getByTestId("placed-order")).toHaveCount(0);
  // Lowered to what is left, the other product kept.
  await expect(page.getByTestId("cart-line")).toHaveText([/1 × Royce/, /1 × Kit Kat/]);

  await page.getByRole("button", { name: "Pesan sekarang" }).click();
  await expect(page.getByTestId("placed-order")).toBeVisible();
  // Rp 185.000 + Rp 95.000 = Rp 280.000; 20 % DP.
  await expect(page.getByTestId("amount-due")).toHaveText(/Rp\s56\.000/);
});
