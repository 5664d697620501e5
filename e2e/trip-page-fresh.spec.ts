// The trip page reads its figures live: after an order commits through the real placement, the next load
// shows the lower stock; after the host edits a product, the next load shows the edit; a closed trip says so
// on the next load. No wait and no cache to expire between a write and the page that shows it.
import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";

async function trpcPost<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** A new host, signed in through the dev mailbox and onboarded; `page.request` then carries the session. */
async function signInNewHost(page: Page, tag: string): Promise<void> {
  const email = `fresh-${tag}@example.test`;
  await page.goto("/host");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Kirim tautan masuk" }).click();
  // Sending the link can take a while on a busy machine (the button stays disabled meanwhile).
  await expect(page).toHaveURL(/\/masuk\/cek-email/, { timeout: 20_000 });
  await page.goto("/dev/mailbox");
  await page.getByTestId("dev-mail").filter({ hasText: email }).getByRole("link").click();
  await expect(page).toHaveURL(/\/host\/onboarding/);
  await page.getByLabel("Nama tampilan").fill(`Rina ${tag}`);
  await page.getByLabel("Link toko").fill(`rina-${tag}`);
  await page.getByLabel("Nomor WhatsApp").fill("0812 3456 7890");
  await page.getByLabel("Bank", { exact: true }).fill("BNI");
  await page.getByLabel("Nomor rekening").fill("9876543210");
  await page.getByLabel("Atas nama").fill("Rina Wati");
  await page.getByRole("button", { name: "Simpan profil" }).click();
  await expect(page).toHaveURL(/\/host$/);
}

test("the trip page shows each committed write on the next load", async ({ browser, page, request }) => {
  test.setTimeout(90_000);
  const tag = randomUUID().slice(0, 8);
  await signInNewHost(page, tag);
  const host = page.request;
  const trip = await trpcPost<{ id: string; slug: string }>(host, "hostTrip.create", {
    title: `Jastip Osaka ${tag}`,
    destination: "Osaka",
    startsOn: "2027-03-01",
    endsOn: "2027-03-08",
    orderDeadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    paymentType: "dp",
  });
  const product = await trpcPost<{ id: string }>(host, "hostProduct.add", {
    tripId: trip.id,
    product: { name: "Matcha Kit Kat", price: 80_000, stockAvailable: 5 },
  });
  await trpcPost(host, "hostTrip.move", { tripId: trip.id, action: "publish" });

  // A guest in a browser of their own (no host session).
  const guest = await (await browser.newContext()).newPage();
  const card = guest.getByTestId("product").filter({ hasText: "Matcha" });
  await guest.goto(`/t/${trip.slug}`);
  await expect(card).toContainText("Sisa 5");

  // Another guest's order commits through the real placement: 2 units taken.
  await trpcPost(request, "order.place", {
    tripSlug: trip.slug,
    idempotencyKey: randomUUID(),
    guest: { name: "Tamu Lain", phone: "0813 1111 2222", shippingAddress: "Jl. Anggrek 3, Bogor" },
    items: [{ productId: product.id, quantity: 2 }],
  });
  await guest.reload();
  await expect(card).toContainText("Sisa 3");

  // The host renames and reprices the product.
  await trpcPost(host, "hostProduct.update", {
    productId: product.id,
    product: { name: "Matcha Kit Kat Mini", price: 85_000 },
  });
  await guest.reload();
  await expect(card).toContainText("Matcha Kit Kat Mini");
  await expect(card).toContainText(/Rp\s85\.000/);

  // The host closes the trip: the page says so and offers nothing to add.
  await trpcPost(host, "hostTrip.move", { tripId: trip.id, action: "close" });
  await guest.reload();
  await expect(guest.getByTestId("order-deadline")).toContainText("Order sudah ditutup");
  await expect(card.getByRole("button", { name: "Tambah ke keranjang" })).toHaveCount(0);
});
