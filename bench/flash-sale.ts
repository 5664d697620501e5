import { createBenchTrip } from "./fixtures.ts";
import { newPool, round, type Scenario, summarize } from "./lib.ts";
import { parsePlaceOrderAnswer, placeOrderBody, placeOrderPath } from "./order-request.ts";
import { startWeb } from "./web.ts";

const buyers = 500;
const units = 50;
const requestTimeoutMs = 30_000;

export const flashSale: Scenario = {
  name: "flash-sale",
  description: `${buyers} concurrent buyers over HTTP for ${units} units`,
  async run(ctx) {
    const pool = newPool(ctx.url, 2);
    const trip = await createBenchTrip(pool, "flash", [
      { name: "Tokyo Banana (limited)", price: 125_000, stock: units },
      { name: "Kit Kat Matcha (warm-up)", price: 95_000, stock: null },
    ]);
    const [saleProduct, warmProduct] = trip.productIds as [string, string];
    const web = await startWeb(ctx.url, ctx.log);

    const post = (productId: string, n: number) =>
      fetch(`${web.baseUrl}${placeOrderPath}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: placeOrderBody(trip, productId, n),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
    // Warm the server (JIT, Prisma, pool) on the other product: a flash sale hits a running shop.
    for (let i = 0; i < 50 && !ctx.aborted; i++) await (await post(warmProduct, i)).text();

    const latencies: number[] = [];
    const codes = new Map<string, number>();
    let sold = 0;
    // All 500 requests are started in one synchronous loop: each opens its own connection.
    const answers = Array.from({ length: buyers }, async (_, i) => {
      const t0 = performance.now();
      try {
        const response = await post(saleProduct, 1_000 + i);
        const outcome = parsePlaceOrderAnswer(response.status, await response.text());
        latencies.push(performance.now() - t0);
        if (outcome.ok) sold++;
        else codes.set(outcome.code ?? "?", (codes.get(outcome.code ?? "?") ?? 0) + 1);
      } catch (error) {
        latencies.push(performance.now() - t0);
        const code = error instanceof Error ? error.name : "error";
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    });
    await Promise.all(answers);

    const { rows } = await pool.query<{ in_orders: number; stock: number }>(
      `select coalesce((select sum(oi.quantity) from order_items oi join orders o on o.id = oi.order_id
                         where oi.product_id = p.id and o.status not in ('expired', 'cancelled', 'rejected')), 0)::int
                as in_orders,
              p.stock_available as stock
         from products p where p.id = $1`,
      [saleProduct],
    );
    const inOrders = rows[0]?.in_orders ?? -1;
    const stockLeft = rows[0]?.stock ?? -1;
    const consistent = stockLeft >= 0 && inOrders + stockLeft === units && inOrders === sold;
    const stats = summarize(latencies);
    const refused = [...codes].map(([code, count]) => `${count} ${code}`).join(", ") || "none";
    ctx.log(
      `sold ${sold} (answers), ${inOrders} units in orders, stock left ${stockLeft}; refused: ${refused}; ` +
        `p50 ${round(stats.p50, 1)} ms, p99 ${round(stats.p99, 1)} ms, max ${round(stats.max, 1)} ms`,
    );
    if (!consistent)
      ctx.log("INCONSISTENT: answers, order items and stock do not add up to the units on sale");
    ctx.record({
      key: "flash_sale_units",
      value: units,
      unit: "units",
      note: `${buyers} buyers at once, 1 unit each`,
    });
    ctx.record({
      key: "flash_sale_sold",
      value: sold,
      unit: "orders",
      target: { op: "==", value: units },
      note: `refused: ${refused}`,
    });
    ctx.record({
      key: "flash_sale_oversold",
      value: Math.max(0, sold - units, inOrders - units, -stockLeft),
      unit: "units",
      target: { op: "==", value: 0 },
      note: `DB: ${inOrders} units in orders + ${stockLeft} in stock = ${inOrders + stockLeft} of ${units}${consistent ? ", consistent" : ", INCONSISTENT"}`,
    });
    ctx.record({
      key: "flash_sale_p99_ms",
      value: round(stats.p99, 1),
      unit: "ms",
      target: { op: "<=", value: 500 },
      note: `p50 ${round(stats.p50, 1)} ms, max ${round(stats.max, 1)} ms, all ${buyers} requests`,
    });
  },
};
