// Live updates on a phone: the guest's order page and the host's inbox change by themselves, without a reload,
// when the host accepts the down-payment proof (the host acting through the API in a browser of their own).
import { randomInt, randomUUID } from "node:crypto";
import { type APIRequestContext, devices, expect, type Page, test } from "@playwright/test";

const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

async function trpcPost<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** The demo host (owner of the seeded Tokyo trip) signs in through the dev mailbox. */
async function signInDemoHost(page: Page) {
  const marker = randomUUID();
  await page.goto(`/masuk?callbackUrl=${encodeURIComponent(`/host?e2e=${marker}`)}`);
  await page.getByLabel("Email").fill("host@nitip.test");
  await page.getByRole("button", { name: "Kirim tautan masuk" }).click();
  await expect(page.getByRole("heading", { name: "Cek email Anda" })).toBeVisible();
  await page.goto("/dev/mailbox");
  await page
    .getByTestId("dev-mail")
    .filter({ hasText: "host@nitip.test" })
    .locator(`a[href*="${marker}"]`)
    .click();
  await expect(page).toHaveURL(/\/host(\?.*)?$/);
}

test("the guest's order page and the host's inbox turn to accepted while they are open", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const tripRead = await page.request.get(
    `/api/trpc/trip.bySlug?input=${encodeURIComponent(JSON.stringify({ json: { slug: "tokyo-des-2026" } }))}`,
  );
  const products = ((await tripRead.json()) as { result: { data: { json: { products: { id: string }[] } } } })
    .result.data.json.products;
  const placed = await trpcPost<{ token: string; order: { id: string; code: string } }>(
    page.request,
    "order.place",
    {
      tripSlug: "tokyo-des-2026",
      idempotencyKey: randomUUID(),
      guest: {
        name: "Dewi Lestari",
        phone: `0812 ${randomInt(10_000_000, 100_000_000)}`,
        shippingAddress: "Jl. Melati 5, Bandung 40115",
      },
      items: [{ productId: products[0]?.id, quantity: 1 }],
    },
  );

  // The guest opens the link and sends the proof (its cookie rides along on page.request).
  await page.goto(`/o/${placed.token}`);
  const upload = await page.request.post(`/api/orders/${placed.order.code}/proofs`, {
    multipart: { file: { name: "bukti.png", mimeType: "image/png", buffer: png } },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("Bukti transfer sedang dicek");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  // Anything set on the window survives a re-render but not a reload.
  await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

  // The host, on a phone too, watches the inbox narrowed to this order.
  const host = await browser.newContext({ ...devices["Pixel 7"], baseURL });
  const hostPage = await host.newPage();
  await signInDemoHost(hostPage);
  await hostPage.goto("/host/inbox");
  await hostPage.getByRole("searchbox").fill(placed.order.code);
  const entry = hostPage.getByTestId("inbox").getByRole("link").filter({ hasText: placed.order.code });
  await expect(entry).toContainText("Perlu validasi");
  await expect(hostPage.getByTestId("live-status")).toHaveAttribute("data-state", "live");

  await trpcPost(host.request, "hostOrder.acceptPayment", { orderId: placed.order.id });

  await expect(entry).toContainText("Menunggu pelunasan", { timeout: 10_000 });
  await expect(page.getByTestId("order-status")).toHaveText("Menunggu pelunasan", { timeout: 10_000 });
  expect(
    await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage),
  ).toBe(true);
});
