// Notification throughput with the `log` provider, through the real worker: `startWorker` from
// apps/worker/src/worker.ts (what `node apps/worker/src/main.ts` runs, minus its signal handlers), in this
// process, with its task list, its notify:send task, its pacing and outbox claim. Its log goes to a counting
// sink (createLogger's destination), so the bench also checks that the log provider wrote one line per message.
// N outbox rows for N orders (distinct recipients, each message with a fresh magic link, as order.placed) and
// their notify:send jobs are committed at once; the clock runs from that commit until every row is `sent`.
// The global rate limit (NOTIFY_GLOBAL_RATE_PER_S, 20/s by default) is raised out of the way: this measures
// the sending pipeline (pacing statement, claim, token, provider, commit), not the configured limit.
import { Writable } from "node:stream";
import { loadEnv } from "../apps/worker/src/env.ts";
import { createLogger } from "../apps/worker/src/logger.ts";
import { startWorker } from "../apps/worker/src/worker.ts";
import { onCleanup } from "./cleanup.ts";
import { createBenchTrip, insertOrders } from "./fixtures.ts";
import { newPool, round, type Scenario, sleep } from "./lib.ts";

const messages = Number(process.env.BENCH_NOTIFY_MESSAGES ?? 3_000);
const concurrency = Number(process.env.BENCH_NOTIFY_CONCURRENCY ?? 8);
const budgetMs = 120_000;

/** Counts the log provider's lines; drops everything. */
function countingSink() {
  let delivered = 0;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = chunk.toString();
      for (let at = text.indexOf("delivered to the log provider"); at >= 0; ) {
        delivered++;
        at = text.indexOf("delivered to the log provider", at + 1);
      }
      done();
    },
  });
  return { stream, delivered: () => delivered };
}

export const notifyLog: Scenario = {
  name: "notify",
  description: `${messages.toLocaleString("en-US")} notify:send jobs through the worker's startWorker, log provider, concurrency ${concurrency}`,
  async run(ctx) {
    const pool = newPool(ctx.url, 2);
    await pool.query("delete from graphile_worker._private_jobs");
    const trip = await createBenchTrip(pool, "notify", [
      { name: "Kit Kat Matcha", price: 95_000, stock: null },
    ]);
    await insertOrders(pool, trip, messages, { dueAgoMs: -30 * 60_000, label: "NOTIFY" });

    const sink = countingSink();
    const env = loadEnv({
      NODE_ENV: "development",
      DATABASE_URL: ctx.url,
      DIRECT_URL: ctx.url,
      NOTIFY_PROVIDER: "log",
      NOTIFY_GLOBAL_RATE_PER_S: "1000000",
      WORKER_CONCURRENCY: String(concurrency),
      LOG_LEVEL: "info",
    });
    const worker = await startWorker({ env, log: createLogger(env.LOG_LEVEL, sink.stream), noCron: true });
    onCleanup(() => worker.stop().then(() => undefined));
    await sleep(500);

    // One transaction: the outbox rows, as placeOrder writes them, and one notify:send job each.
    const client = await pool.connect();
    try {
      await client.query("begin");
      await client.query(
        `with rows as (
           insert into notification_outbox (order_id, channel, recipient, template_key, params, dedupe_key)
           select o.id, 'whatsapp', o.guest_phone, 'order.placed',
                  jsonb_build_object('orderCode', o.code, 'withOrderLink', true, 'tripTitle', 'Bench trip',
                                     'amountDue', o.dp_amount, 'paymentDueAt', o.payment_due_at),
                  'order:' || o.id || ':placed:guest'
             from orders o where o.trip_id = $1
           returning id
         )
         select count(*) from graphile_worker.add_jobs(array(
           select row('notify:send', json_build_object('outboxId', id), null, null, 8, null, -1, null)::graphile_worker.job_spec
             from rows))`,
        [trip.tripId],
      );
      await client.query("commit");
    } finally {
      client.release();
    }
    const started = performance.now();
    const sent = async () => {
      const { rows } = await pool.query<{ n: number }>(
        `select count(*)::int as n from notification_outbox n join orders o on o.id = n.order_id
          where o.trip_id = $1 and n.status = 'sent'`,
        [trip.tripId],
      );
      return rows[0]?.n ?? 0;
    };
    let done = 0;
    while (performance.now() - started < budgetMs && !ctx.aborted) {
      done = await sent();
      if (done >= messages) break;
      await sleep(100);
    }
    const seconds = (performance.now() - started) / 1000;
    const { rows: failed } = await pool.query<{ n: number }>(
      `select count(*)::int as n from notification_outbox n join orders o on o.id = n.order_id
        where o.trip_id = $1 and n.status = 'failed'`,
      [trip.tripId],
    );
    const perSecond = Math.round(done / seconds);
    await worker.stop();
    ctx.log(
      `${done}/${messages} sent in ${round(seconds, 2)} s (${perSecond}/s), ${failed[0]?.n ?? 0} failed, ` +
        `${sink.delivered()} log-provider lines; worker concurrency ${concurrency}`,
    );
    ctx.record({
      key: "notify_log_per_s",
      value: perSecond,
      unit: "msgs/s",
      note:
        `worker's startWorker in-process, notify:send, log provider, concurrency ${concurrency}, ${messages.toLocaleString("en-US")} messages` +
        `${done < messages ? `; ONLY ${done} SENT within ${budgetMs / 1000} s` : ""}; global rate limit raised (default 20/s): measures the pipeline, not the limiter`,
    });
  },
};
