// The admin's recovery story: WhatsApp sends fail on purpose (the loopback gateway answers 500 for this
// test's numbers), the failed jobs show up as one group on the failed page, the job links to its order; the
// gateway is fixed, the admin retries the group from the page, the messages really go out and the group is gone.
import { randomInt, randomUUID } from "node:crypto";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const gateway = `http://127.0.0.1:${Number(process.env.E2E_WHATSAPP_PORT ?? port + 1)}`;

async function trpcGet<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.get(
    `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
  );
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function trpcPost<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function signInAsAdmin(page: Page) {
  const marker = randomUUID();
  await page.goto(`/masuk?callbackUrl=${encodeURIComponent(`/admin/failed?e2e=${marker}`)}`);
  await page.getByLabel("Email").fill("admin@nitip.test");
  await page.getByRole("button", { name: "Kirim tautan masuk" }).click();
  await expect(page).toHaveURL(/\/masuk\/cek-email/);
  await page.goto("/dev/mailbox");
  await page
    .getByTestId("dev-mail")
    .filter({ hasText: "admin@nitip.test" })
    .locator(`a[href*="${marker}"]`)
    .click();
  await expect(page).toHaveURL(/\/admin\/failed/);
}

test("failed notifications appear grouped, and retrying the group after the fix sends them", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(150_000);
  // Letters only, so the error signature (numbers normalised) keeps this project's group apart.
  const outage = `gateway outage ${testInfo.project.name.replace(/[^a-z]/g, "")}`;
  const phones = [0, 1].map(() => `62813${randomInt(10_000_000, 100_000_000)}`);
  await request.post(`${gateway}/control/fail`, { data: { targets: phones, reason: outage } });

  const trip = await trpcGet<{ products: { id: string }[] }>(request, "trip.bySlug", {
    slug: "tokyo-des-2026",
  });
  const orders: { id: string; code: string }[] = [];
  for (const phone of phones) {
    const placed = await trpcPost<{ order: { id: string; code: string } }>(request, "order.place", {
      tripSlug: "tokyo-des-2026",
      idempotencyKey: randomUUID(),
      guest: { name: "Rina Gagal", phone: `+${phone}`, shippingAddress: "Jl. Kenanga 7, Bogor" },
      items: [{ productId: trip.products[0]?.id, quantity: 1 }],
    });
    orders.push(placed.order);
  }

  await signInAsAdmin(page);
  // A filtered view, as a shared link would open it: only this test's outage.
  await page.goto(`/admin/failed?task=notify%3Asend&q=${encodeURIComponent(outage)}`);
  await expect(page.getByLabel("Cari di pesan error")).toHaveValue(outage);
  const group = page.getByTestId("failed-group").filter({ hasText: outage });
  await expect(group).toHaveCount(1, { timeout: 60_000 });
  await expect(group.getByText("2 job", { exact: true })).toBeVisible({ timeout: 30_000 });

  // The sample job's detail names its order and links to it.
  await group.getByRole("link", { name: /Contoh job/ }).click();
  const orderLink = page.getByRole("link", { name: /Buka pesanan/ });
  await expect(orderLink).toBeVisible();
  const href = await orderLink.getAttribute("href");
  expect(orders.map((order) => `/host/orders/${order.id}`)).toContain(href);
  await page.goBack();

  // The gateway works again; the whole group is retried from the page, behind a confirmation that counts.
  await request.post(`${gateway}/control/heal`, { data: { targets: phones } });
  await group.getByRole("button", { name: "Coba lagi sekarang" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: "Coba lagi 2 job?" })).toBeVisible();
  await dialog.getByRole("button", { name: "Coba lagi sekarang" }).click();
  await expect(page.getByText("2 dari 2 job diproses.")).toBeVisible();

  // The jobs complete: the messages reach the gateway and the group is gone.
  for (const phone of phones) {
    await expect
      .poll(
        async () =>
          ((await (await request.get(`${gateway}/control/sent?target=${phone}`)).json()) as { sent: number })
            .sent,
        {
          timeout: 60_000,
        },
      )
      .toBeGreaterThanOrEqual(1);
  }
  await expect(page.getByText("Tidak ada job gagal yang cocok dengan filter ini.")).toBeVisible({
    timeout: 30_000,
  });

  // The action log says who retried what.
  await page.getByRole("link", { name: "Riwayat tindakan" }).click();
  await expect(page.getByTestId("audit-entry").filter({ hasText: outage }).first()).toContainText(
    "2 dari 2 job",
  );

  // The overview charts the runs per task: the failed sends are counted in this hour's bars.
  await page.getByRole("link", { name: "Ringkasan" }).click();
  const chart = page.getByTestId("throughput-chart").filter({ hasText: "notify:send" });
  await expect(chart.getByRole("img")).toHaveAttribute(
    "aria-label",
    /^notify:send: \d+ berhasil, [1-9]\d* gagal/,
  );
  await expect(page.getByTestId("workers")).toContainText("Worker hidup: ");

  // The notifications page shows the messages sent, with the gateway's message id and their order.
  await page.getByRole("link", { name: "Notifikasi" }).click();
  await page.getByLabel("Status").selectOption("sent");
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/status=sent/);
  for (const order of orders) {
    const sent = page.getByTestId("outbox-row").filter({ hasText: order.code }).first();
    await expect(sent).toContainText("ID penyedia: fonnte:");
  }

  // The order deadlines wait on the scheduled list, each linked to its order; the crontab is all there.
  await page.getByRole("link", { name: "Berjalan & terjadwal" }).click();
  for (const order of orders) {
    const deadline = page.getByTestId("scheduled-job").filter({ hasText: order.code });
    await expect(deadline).toContainText("order:expire-dp");
    await expect(deadline.getByRole("link", { name: `Pesanan ${order.code}` })).toHaveAttribute(
      "href",
      `/host/orders/${order.id}`,
    );
  }
  await page.getByRole("link", { name: "Cron" }).click();
  await expect(page.getByTestId("cron-entry")).toHaveCount(3);
  await expect(page.getByTestId("cron-entry").filter({ hasText: "sweep:overdue-orders" })).toContainText(
    "* * * * *",
  );
});

test("the admin pages are a 404 for a host", async ({ page }) => {
  const email = `host-${randomUUID().slice(0, 8)}@contoh.test`;
  await page.goto("/masuk");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Kirim tautan masuk" }).click();
  await expect(page).toHaveURL(/\/masuk\/cek-email/);
  await page.goto("/dev/mailbox");
  await page.getByTestId("dev-mail").filter({ hasText: email }).getByRole("link").first().click();
  // A new address has no host profile: /host moves on to onboarding; let that settle before going on.
  await expect(page).toHaveURL(/\/host\/onboarding/);
  await page.waitForLoadState("load");
  for (const path of ["/admin", "/admin/failed", "/admin/running", "/admin/cron", "/admin/notifications"]) {
    // The browser context's own request client carries the session cookie.
    expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
  }
  await page.goto("/admin/failed");
  await expect(page.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();
});
