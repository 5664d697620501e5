// The host's story end to end: sign in through the dev mailbox, onboard, create a trip with two products and
// open it; a guest's order placed through the API shows up in the inbox; the host views its proof, accepts
// it, issues the final invoice and, once the guest paid the rest, ships it.
import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";

const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** The guest's proof as the order page sends it: multipart to the upload route, with the browser's cookie. */
async function uploadProof(request: APIRequestContext, orderCode: string): Promise<void> {
  const response = await request.post(`/api/orders/${orderCode}/proofs`, {
    multipart: { file: { name: "bukti.png", mimeType: "image/png", buffer: png } },
  });
  expect(response.status(), await response.text()).toBe(201);
}

async function trpcPost<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function confirmIn(page: Page, trigger: string, fill?: Record<string, string>) {
  await page.getByRole("button", { name: trigger }).first().click();
  const dialog = page.getByRole("dialog");
  for (const [label, value] of Object.entries(fill ?? {})) await dialog.getByLabel(label).fill(value);
  await dialog.getByRole("button", { name: trigger }).click();
  await expect(dialog).toBeHidden();
}

test("a host signs in, opens a trip and works a guest's order through to shipped", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const tag = randomUUID().slice(0, 8);
  const email = `host-${tag}@example.test`;

  // Signed out, the workspace sends us to sign-in; the link arrives in the dev mailbox.
  await page.goto("/host");
  await expect(page).toHaveURL(/\/masuk/);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Kirim tautan masuk" }).click();
  await expect(page).toHaveURL(/\/masuk\/cek-email/);
  await page.goto("/dev/mailbox");
  await page.getByTestId("dev-mail").filter({ hasText: email }).getByRole("link").click();

  // First sign-in: onboarding.
  await expect(page).toHaveURL(/\/host\/onboarding/);
  await page.getByLabel("Nama tampilan").fill(`Ayu ${tag}`);
  await page.getByLabel("Link toko").fill(`ayu-${tag}`);
  await page.getByLabel("Nomor WhatsApp").fill("0812 3456 7890");
  await page.getByLabel("Bank", { exact: true }).fill("BCA");
  await page.getByLabel("Nomor rekening").fill("1234567890");
  await page.getByLabel("Atas nama").fill("Ayu Lestari");
  await page.getByRole("button", { name: "Simpan profil" }).click();
  await expect(page).toHaveURL(/\/host$/);

  // A trip with two products, opened.
  await page.getByRole("link", { name: "Trip baru" }).first().click();
  await page.getByLabel("Judul").fill(`Jastip Tokyo ${tag}`);
  await page.getByLabel("Tujuan").fill("Tokyo");
  await page.getByRole("button", { name: "Buat trip" }).click();
  await expect(page).toHaveURL(/\/host\/trips\/[0-9a-f-]{36}$/);
  const products: [string, string][] = [
    ["Tokyo Banana", "100000"],
    ["Kit Kat Matcha", "60000"],
  ];
  for (const [name, price] of products) {
    await page.getByLabel("Nama produk").fill(name);
    await page.getByLabel("Harga (Rp)").fill(price);
    await page.getByRole("button", { name: "Tambah produk" }).click();
    await expect(page.getByText(name, { exact: true })).toBeVisible();
  }
  await confirmIn(page, "Buka trip");
  const publicLink = await page.getByTestId("public-link").textContent();
  const slug = publicLink?.split("/t/")[1] ?? "";
  expect(slug).toMatch(/^jastip-tokyo-/);

  // A guest orders and uploads a DP proof through the API.
  const trip = await (
    await request.get(`/api/trpc/trip.bySlug?input=${encodeURIComponent(JSON.stringify({ json: { slug } }))}`)
  ).json();
  const banana = trip.result.data.json.products.find((p: { name: string }) => p.name === "Tokyo Banana");
  const placed = await trpcPost<{ token: string; order: { code: string } }>(request, "order.place", {
    tripSlug: slug,
    idempotencyKey: randomUUID(),
    guest: { name: "Dewi Lestari", phone: "0812 3456 7801", shippingAddress: "Jl. Melati 5, Bandung" },
    items: [{ productId: banana.id, quantity: 2 }],
  });
  // The guest's browser opens the magic link once; its cookie then carries the order, never the token.
  const landing = await request.get(`/o/${placed.token}`, { maxRedirects: 0 });
  expect(landing.status()).toBe(303);
  await uploadProof(request, placed.order.code);

  // The inbox shows it waiting for validation; the order page shows its proof.
  await page.getByRole("link", { name: "Pesanan masuk" }).click();
  await page.getByRole("link", { name: new RegExp(placed.order.code) }).click();
  await expect(page.getByRole("heading", { name: placed.order.code })).toBeVisible();
  const proof = page.getByTestId("proof-image");
  await expect(proof).toBeVisible();
  expect(await proof.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  // Served by the authorised route with the host's session: the right type, inline, never cached; a
  // visitor without the session gets nothing.
  const proofUrl = (await proof.getAttribute("src")) ?? "";
  const served = await page.request.get(proofUrl);
  expect(served.headers()).toMatchObject({
    "content-type": "image/png",
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
  });
  expect(served.headers()["content-disposition"]).toMatch(/^inline;/);
  expect((await request.get(proofUrl)).status()).toBe(401);

  await confirmIn(page, "Terima pembayaran");
  await expect(page.getByText("Menunggu pelunasan").first()).toBeVisible();
  await confirmIn(page, "Kirim tagihan pelunasan", { Ongkir: "20000" });
  // 2 × Rp 100.000 + Rp 20.000 shipping − Rp 40.000 DP (20 %).
  await expect(page.getByText(/Rp\s180\.000/)).toBeVisible();

  // The guest pays the rest; the host accepts and ships.
  await uploadProof(request, placed.order.code);
  await page.reload();
  await confirmIn(page, "Terima pembayaran");
  await expect(page.getByText("Lunas").first()).toBeVisible();
  await confirmIn(page, "Kirim barang", { Kurir: "JNE", "Nomor resi": "JNE0001" });
  await expect(page.getByText("Dikirim").first()).toBeVisible();
  await expect(page.getByTestId("timeline")).toContainText("Lunas → Dikirim");
});
