// The guest's order page on a phone: open the link, upload the DP proof from the page (a HEIC photo is
// refused with what to do), see the host accept it, pay the final invoice, confirm delivery, switch to
// English. Plus: another browser cannot open the order; an unpaid order expires (the real worker's task) and
// the page says what happened and what to do; cancelling says first what is owed back.
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import { passPaymentDeadline } from "./db";

const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const heic = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from("ftypheic\0\0\0\0mif1heic", "latin1"),
  Buffer.alloc(64),
]);

/** A PNG of noise (it does not compress) over the 5 MB limit, like a big photo from a phone camera. */
function bigPhoto(side = 1400): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Array.from({ length: side }, () => Buffer.concat([Buffer.from([0]), randomBytes(side * 3)]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 1 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

async function trpc<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** A new host, signed in through the dev mailbox in a browser of their own, with an open trip. */
async function hostWithOpenTrip(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const tag = randomUUID().slice(0, 8);
  const email = `order-host-${tag}@example.test`;
  await page.goto(`/masuk?callbackUrl=${encodeURIComponent(`/host?e2e=${tag}`)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Kirim tautan masuk" }).click();
  await expect(page).toHaveURL(/\/masuk\/cek-email/);
  await page.goto("/dev/mailbox");
  await page.getByTestId("dev-mail").filter({ hasText: email }).locator(`a[href*="${tag}"]`).click();
  await expect(page).toHaveURL(/\/host/);
  const api = page.request;
  await trpc(api, "hostProfile.save", {
    displayName: `Jastip ${tag}`,
    slug: `jastip-${tag}`,
    whatsappNumber: "0812 9876 5432",
    bankAccounts: [{ bankName: "BCA", accountNumber: "8800112233", accountHolder: "Rina" }],
  });
  const trip = await trpc<{ id: string; slug: string }>(api, "hostTrip.create", {
    title: `Osaka ${tag}`,
    destination: "Osaka",
    startsOn: "2031-01-05",
    endsOn: "2031-01-12",
    orderDeadline: new Date(Date.now() + 86_400_000).toISOString(),
    paymentType: "dp",
  });
  const product = await trpc<{ id: string }>(api, "hostProduct.add", {
    tripId: trip.id,
    product: { name: "Royce Chocolate", price: 150_000, stockAvailable: 10 },
  });
  await trpc(api, "hostTrip.move", { tripId: trip.id, action: "publish" });
  return { api, trip, productId: product.id, close: () => context.close() };
}

async function placeOrder(request: APIRequestContext, tripSlug: string, productId: string) {
  return trpc<{ token: string; order: { id: string; code: string } }>(request, "order.place", {
    tripSlug,
    idempotencyKey: randomUUID(),
    guest: {
      name: "Sinta",
      phone: `0812 ${randomInt(10_000_000, 100_000_000)}`,
      shippingAddress: "Jl. Mawar 12, Jakarta",
    },
    items: [{ productId, quantity: 2 }],
  });
}

async function demoKitKat(request: APIRequestContext): Promise<string> {
  const input = encodeURIComponent(JSON.stringify({ json: { slug: "tokyo-des-2026" } }));
  const trip = (await (await request.get(`/api/trpc/trip.bySlug?input=${input}`)).json()) as {
    result: { data: { json: { products: { id: string; name: string }[] } } };
  };
  const kitKat = trip.result.data.json.products.find((p) => p.name.startsWith("Kit Kat"));
  if (!kitKat) throw new Error("the demo trip has no Kit Kat");
  return kitKat.id;
}

async function uploadOnPage(
  page: Page,
  label: string,
  file: { name: string; mimeType: string; buffer: Buffer },
) {
  await page.getByLabel(label).setInputFiles(file);
  await page.getByRole("button", { name: "Kirim bukti" }).click();
}

const status = (page: Page) => page.getByTestId("order-status");

test("a guest pays, follows and receives an order from the order page", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const host = await hostWithOpenTrip(browser);
  const placed = await placeOrder(page.request, host.trip.slug, host.productId);
  const orderId = placed.order.id;

  await page.goto(`/o/${placed.token}`);
  await expect(page).toHaveURL(new RegExp(`/pesanan/${placed.order.code}$`));
  await expect(status(page)).toHaveText("Menunggu pembayaran DP");
  // 2 × Rp 150.000, DP 20 %: Rp 60.000 due now, before a time with its zone named, with a countdown.
  await expect(page.getByTestId("amount-due")).toHaveText(/Rp\s60\.000/);
  await expect(page.getByTestId("next-step")).toContainText("WIB");
  await expect(page.getByTestId("countdown")).toBeVisible();
  await expect(page.getByTestId("bank-accounts")).toContainText("8800112233");
  await expect(page.getByRole("button", { name: "Salin nomor rekening" })).toBeVisible();

  // A photo straight from an iPhone camera (HEIC) is refused before upload, saying what to do.
  await page
    .getByLabel("Bukti transfer DP")
    .setInputFiles({ name: "IMG_0001.HEIC", mimeType: "image/heic", buffer: heic });
  await expect(page.getByTestId("upload-problem")).toContainText("Paling Kompatibel");
  // A photo over 5 MB is made smaller in the browser, then sent with its progress shown.
  const photo = bigPhoto();
  expect(photo.length).toBeGreaterThan(5 * 1024 * 1024);
  await uploadOnPage(page, "Bukti transfer DP", {
    name: "IMG_0002.png",
    mimeType: "image/png",
    buffer: photo,
  });
  await expect(status(page)).toHaveText("Bukti transfer sedang dicek");

  // The host accepts; after a reload (live updates come separately) the page says so.
  await trpc(host.api, "hostOrder.acceptPayment", { orderId });
  await page.reload();
  await expect(status(page)).toHaveText("Menunggu pelunasan");
  await expect(page.getByTestId("order-paid")).toHaveText(/Rp\s60\.000/);
  await expect(page.getByTestId("order-final")).toHaveText("Menunggu tagihan");

  // The final invoice: Rp 300.000 + Rp 20.000 shipping − Rp 60.000 DP = Rp 260.000.
  await trpc(host.api, "hostOrder.issueFinalInvoice", { orderId, shippingFee: 20_000 });
  await page.reload();
  await expect(page.getByTestId("amount-due")).toHaveText(/Rp\s260\.000/);
  await uploadOnPage(page, "Bukti transfer pelunasan", {
    name: "lunas.png",
    mimeType: "image/png",
    buffer: png,
  });
  await expect(status(page)).toHaveText("Bukti pelunasan sedang dicek");

  await trpc(host.api, "hostOrder.acceptPayment", { orderId });
  await trpc(host.api, "hostOrder.ship", { orderId, courier: "JNE", trackingNumber: "JNE0042" });
  await page.reload();
  await expect(status(page)).toHaveText("Dalam pengiriman");
  await expect(page.getByTestId("next-step")).toContainText("JNE0042");
  await page.getByRole("button", { name: "Barang sudah saya terima" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Ya, sudah diterima" }).click();
  await expect(status(page)).toHaveText("Sudah diterima");
  await expect(page.getByTestId("timeline")).toContainText("Pesanan dibuat");
  await expect(page.getByTestId("timeline").getByRole("listitem")).toHaveCount(8);

  // English, from the header's switch.
  await page.getByRole("button", { name: "English" }).click();
  await expect(status(page)).toHaveText("Received");
  await expect(page.getByRole("heading", { name: "Order history" })).toBeVisible();
  await host.close();
});

test("another guest's browser cannot open the order nor upload to it", async ({ page, browser, request }) => {
  const placed = await placeOrder(request, "tokyo-des-2026", await demoKitKat(request));
  await page.goto(`/o/${placed.token}`);
  await expect(status(page)).toHaveText("Menunggu pembayaran DP");

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto(`/pesanan/${placed.order.code}`);
  await expect(otherPage.getByTestId("order-link-invalid")).toBeVisible();
  await expect(otherPage.getByTestId("order-status")).toHaveCount(0);
  await expect(otherPage.getByRole("button", { name: "Minta tautan baru" })).toBeVisible();
  const upload = await otherPage.request.post(`/api/orders/${placed.order.code}/proofs`, {
    multipart: { file: { name: "bukti.png", mimeType: "image/png", buffer: png } },
  });
  expect(upload.status()).toBe(401);
  await other.close();
  await page.reload();
  await expect(status(page)).toHaveText("Menunggu pembayaran DP");
});

test("an unpaid order expires and the open page says so by itself, and what to do", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const placed = await placeOrder(request, "tokyo-des-2026", await demoKitKat(request));
  await page.goto(`/o/${placed.token}`);
  await expect(status(page)).toHaveText("Menunggu pembayaran DP");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");

  // The real worker expires it; the page, left open, changes through the live channel (no reload).
  await passPaymentDeadline(placed.order.code);
  await expect(status(page)).toHaveText("Kedaluwarsa", { timeout: 30_000 });
  await expect(page.getByTestId("next-step")).toContainText("DP tidak dibayar sebelum");
  await expect(page.getByRole("link", { name: "Pesan lagi dari halaman trip" })).toHaveAttribute(
    "href",
    "/t/tokyo-des-2026",
  );
  await expect(page.getByTestId("proof-upload")).toHaveCount(0);
});

test("a guest cancels an unpaid order after reading that nothing is owed back", async ({ page, request }) => {
  const placed = await placeOrder(request, "tokyo-des-2026", await demoKitKat(request));
  await page.goto(`/o/${placed.token}`);
  await page.getByRole("button", { name: "Batalkan pesanan" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("cancel-refund")).toHaveText(/tidak ada dana yang perlu dikembalikan/);
  await dialog.getByLabel("Alasan (boleh dikosongkan)").fill("Salah pilih barang");
  await dialog.getByRole("button", { name: "Ya, batalkan" }).click();
  await expect(status(page)).toHaveText("Dibatalkan");
  await expect(page.getByTestId("next-step")).toContainText("Salah pilih barang");
});

test("deadlines are shown in the viewer's Indonesian zone, named", async ({ browser, request }) => {
  const placed = await placeOrder(request, "tokyo-des-2026", await demoKitKat(request));
  const papua = await browser.newContext({ timezoneId: "Asia/Jayapura" });
  const page = await papua.newPage();
  await page.goto(`/o/${placed.token}`);
  const deadline = page.getByTestId("next-step").locator("time").first();
  await expect(deadline).toHaveText(/ WIT$/);
  await papua.close();
});

test("switching to English changes the trip page and the order page", async ({ page, request }) => {
  const placed = await placeOrder(request, "tokyo-des-2026", await demoKitKat(request));
  await page.goto("/t/tokyo-des-2026");
  await expect(page.getByRole("button", { name: "Tambah ke keranjang" }).first()).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("button", { name: "Add to cart" }).first()).toBeVisible();
  await page.goto(`/o/${placed.token}`);
  await expect(status(page)).toHaveText("Waiting for the down payment");
  await page.getByRole("button", { name: "Bahasa Indonesia" }).click();
  await expect(status(page)).toHaveText("Menunggu pembayaran DP");
});
