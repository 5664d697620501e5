// A flash sale: 500 buyers for 50 units, all requests started at the same moment, each on its own connection.
// Correctness (exactly 50 sold, nothing oversold, answers = order items = stock taken) and latency, with the
// losers' SOLD_OUT answers reported apart from the winners. Where the time goes comes from two honest sources:
// the web process's placement gate logs, per placement query, when it arrived, got a slot and finished
// (NITIP_PLACEMENT_TIMING=1, a diagnostic of apps/web/src/server/placement-gate.ts), and PostgreSQL's
// pg_stat_activity is sampled every few ms during the sale (backends running, waiting on a lock).
import { createBenchTrip } from "./fixtures.ts";
import { newPool, round, type Scenario, type ScenarioContext, sleep, summarize } from "./lib.ts";
import { parsePlaceOrderAnswer, placeOrderBody, placeOrderPath } from "./order-request.ts";
import { startWeb } from "./web.ts";

const buyers = 500;
const units = 50;
const requestTimeoutMs = 30_000;
const sampleEveryMs = 5;

interface QueryTiming {
  phase: "read" | "write";
  entered: number;
  started: number;
  ended: number;
}

const epochMs = () => performance.timeOrigin + performance.now();
const ms = (value: number) => `${round(value, 0)}`;
const spread = (values: number[]) => {
  const s = summarize(values);
  return s.count ? `p50 ${ms(s.p50)} / p99 ${ms(s.p99)} / max ${ms(s.max)} ms` : "none";
};

/** Samples pg_stat_activity of the bench database until `stop()`; returns peaks of active and lock-waiting. */
function sampleActivity(ctx: ScenarioContext) {
  const pool = newPool(ctx.url, 1);
  let running = true;
  const peaks = { active: 0, lockWaits: 0, samples: 0 };
  const done = (async () => {
    while (running) {
      const { rows } = await pool.query<{ active: number; lock_waits: number }>(
        `select count(*) filter (where state = 'active')::int as active,
                count(*) filter (where wait_event_type = 'Lock')::int as lock_waits
           from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      );
      peaks.active = Math.max(peaks.active, rows[0]?.active ?? 0);
      peaks.lockWaits = Math.max(peaks.lockWaits, rows[0]?.lock_waits ?? 0);
      peaks.samples++;
      await sleep(sampleEveryMs);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return peaks;
    },
  };
}

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
    const timings: QueryTiming[] = [];
    let recording = false;
    const web = await startWeb(ctx.url, ctx.log, { NITIP_PLACEMENT_TIMING: "1" }, (line) => {
      if (recording) timings.push(JSON.parse(line) as QueryTiming);
    });

    const post = (productId: string) =>
      fetch(`${web.baseUrl}${placeOrderPath}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: placeOrderBody(trip, productId),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
    // Warm the server (JIT, Prisma, pool) on the other product: a flash sale hits a running shop.
    for (let i = 0; i < 50 && !ctx.aborted; i++) await (await post(warmProduct)).text();

    const won: number[] = [];
    const soldOut: number[] = [];
    const all: number[] = [];
    const codes = new Map<string, number>();
    const activity = sampleActivity(ctx);
    recording = true;
    const cpuBefore = web.cpuMs();
    const t0 = performance.now();
    const t0Epoch = epochMs();
    // All 500 requests are started in one synchronous loop: each opens its own connection.
    const answers = Array.from({ length: buyers }, async () => {
      try {
        const response = await post(saleProduct);
        const outcome = parsePlaceOrderAnswer(response.status, await response.text());
        const latency = performance.now() - t0;
        all.push(latency);
        if (outcome.ok) won.push(latency);
        else {
          if (outcome.code === "SOLD_OUT") soldOut.push(latency);
          codes.set(outcome.code ?? "?", (codes.get(outcome.code ?? "?") ?? 0) + 1);
        }
      } catch (error) {
        all.push(performance.now() - t0);
        const code = error instanceof Error ? error.name : "error";
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    });
    await Promise.all(answers);
    const lastAnswerEpoch = epochMs();
    const saleCpuMs = web.cpuMs() - cpuBefore;
    // The gate's lines come through a pipe: give the last ones a moment, then keep only the sale's queries
    // (a warm-up line can arrive late too).
    await sleep(500);
    recording = false;
    const sale = timings.filter((t) => t.entered >= t0Epoch);
    const peaks = await activity.stop();
    const sold = won.length;

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
    const stats = summarize(all);
    const refused = [...codes].map(([code, count]) => `${count} ${code}`).join(", ") || "none";
    ctx.log(
      `sold ${sold} (answers), ${inOrders} units in orders, stock left ${stockLeft}; refused: ${refused}; ` +
        `p50 ${round(stats.p50, 1)} ms, p99 ${round(stats.p99, 1)} ms, max ${round(stats.max, 1)} ms`,
    );
    if (!consistent)
      ctx.log("INCONSISTENT: answers, order items and stock do not add up to the units on sale");

    // Where the time went, every figure in ms since the 500 requests were started.
    const reads = sale.filter((t) => t.phase === "read");
    const writes = sale.filter((t) => t.phase === "write");
    const lastQueryEnd = Math.max(...sale.map((t) => t.ended));
    const breakdown = [
      `${reads.length} reads, ${writes.length} placement statements (a statement that finds the stock taken since its read is followed by a fresh read)`,
      `read arrives at the gate ${spread(reads.map((t) => t.entered - t0Epoch))} (Node: accept, parse, tRPC, validation)`,
      `read waits for a slot ${spread(reads.map((t) => t.started - t.entered))}`,
      `read runs ${spread(reads.map((t) => t.ended - t.started))}`,
      `statement waits for a slot ${spread(writes.map((t) => t.started - t.entered))}`,
      `statement runs ${spread(writes.map((t) => t.ended - t.started))} (row lock + commit)`,
      `last query ends at ${ms(lastQueryEnd - t0Epoch)} ms, last answer at ${ms(lastAnswerEpoch - t0Epoch)} ms`,
      `PostgreSQL peaks: ${peaks.active} active backends, ${peaks.lockWaits} waiting on a lock (${peaks.samples} samples)`,
    ];
    breakdown.push(
      `web process CPU during the sale ${ms(saleCpuMs)} ms (${round(saleCpuMs / buyers, 2)} ms per request), wall ${ms(lastAnswerEpoch - t0Epoch)} ms`,
    );
    for (const line of breakdown) ctx.log(`  ${line}`);

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
      note: `p50 ${round(stats.p50, 1)} ms, max ${round(stats.max, 1)} ms, all ${buyers} requests; winners: ${spread(won)}`,
    });
    const soldOutStats = summarize(soldOut);
    ctx.record({
      key: "flash_sale_soldout_p99_ms",
      value: round(soldOutStats.p99, 1),
      unit: "ms",
      note: `the ${soldOut.length} SOLD_OUT answers: p50 ${round(soldOutStats.p50, 1)} ms, max ${round(soldOutStats.max, 1)} ms`,
    });
    const p99 = (values: number[]) => round(summarize(values).p99, 1);
    const phases: [string, number[], string][] = [
      [
        "flash_sale_at_gate_p99_ms",
        reads.map((t) => t.entered - t0Epoch),
        "a read reaches the placement gate, since the start (Node: accept, parse, tRPC, validation, queueing on the event loop)",
      ],
      [
        "flash_sale_slot_wait_p99_ms",
        reads.map((t) => t.started - t.entered),
        "a read waits for one of the pool's slots",
      ],
      [
        "flash_sale_read_p99_ms",
        reads.map((t) => t.ended - t.started),
        "the placement read runs in PostgreSQL",
      ],
      [
        "flash_sale_statement_p99_ms",
        writes.map((t) => t.ended - t.started),
        "the placement statement runs (row lock + commit)",
      ],
    ];
    ctx.record({
      key: "flash_sale_web_cpu_ms",
      value: Math.round(saleCpuMs),
      unit: "ms",
      note: `CPU of the next start process tree from the first request to the last answer (${round(saleCpuMs / buyers, 2)} ms per request): one event loop cannot answer the last buyer sooner`,
    });
    for (const [key, values, what] of phases)
      ctx.record({ key, value: p99(values), unit: "ms", note: `${what}; ${spread(values)}` });
  },
};
