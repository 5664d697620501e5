// Ad-hoc measurement of the order engine (not a test, not the bench): placement throughput in-process at
// 32 concurrent callers, and set-based expiry of 100,000 orders in batches.
// node packages/core/scripts/measure-orders.ts postgresql://nitip:nitip@127.0.0.1:40877/<scratch db>
// Environment: PLACE=0 skips placement; SWEEPERS (default 4) and BATCH (default: the engine's default batch)
// shape the sweep.
import { randomUUID } from "node:crypto";
import { createDatabase } from "@nitip/db";
import { deployMigrations } from "@nitip/db/migrate";
import { defaultSweepBatch, expireOverdueOrders, placeOrder } from "../src/index.ts";

const url = process.argv[2];
if (!url) throw new Error("usage: measure-orders.ts <database url>");
await deployMigrations({ connectionString: url });
const { prisma, close } = createDatabase(url, { max: 40 });

const user = await prisma.user.create({ data: { email: `m-${randomUUID()}@x.test` } });
const host = await prisma.hostProfile.create({
  data: { userId: user.id, displayName: "M", slug: `m-${randomUUID()}`, whatsappNumber: "+6281234567890" },
});
const trip = await prisma.trip.create({
  data: {
    hostId: host.id,
    slug: `m-${randomUUID()}`,
    title: "M",
    destination: "X",
    startsOn: new Date(),
    endsOn: new Date(),
    orderDeadline: new Date(Date.now() + 86_400_000),
    status: "open",
    products: { create: { name: "P", price: 100_000, stockAvailable: 1_000_000 } },
  },
  include: { products: true },
});
const productId = trip.products[0]?.id ?? "";
const input = () => ({
  trip: { id: trip.id },
  idempotencyKey: randomUUID(),
  guest: { name: "G", phone: "081234567891", shippingAddress: "Jl. X 1" },
  items: [{ productId, quantity: 1 }],
});

const sweepers = Number(process.env.SWEEPERS ?? 4);
const batch = Number(process.env.BATCH ?? defaultSweepBatch);
const placements =
  process.env.PLACE === "0"
    ? []
    : ([
        ["warm-up", 500],
        ["measured", 5000],
      ] as const);
for (const [label, total] of placements) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next++ < total) {
        const t = performance.now();
        await placeOrder(prisma, input());
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.floor(latencies.length * p)]?.toFixed(1);
  console.log(`${label}: ${(total / seconds).toFixed(0)} orders/s, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`);
}

// 100,000 due orders made in SQL, then expired by the sweep in batches with several sweepers.
await prisma.$executeRawUnsafe(`
  with o as (
    insert into orders (code, trip_id, guest_name, guest_phone, shipping_address, payment_type, subtotal, dp_amount,
                        payment_due_at, idempotency_key, request_hash)
    select 'BULK-' || g, '${trip.id}', 'G', '+6281234567891', 'A', 'dp', 100000, 20000, now() - interval '1 minute',
           'bulk-' || g, 'h'
    from generate_series(1, 100000) g returning id)
  insert into order_items (order_id, product_id, product_name, unit_price, quantity, line_total)
  select id, '${productId}', 'P', 100000, 1, 100000 from o`);
await prisma.$executeRawUnsafe(
  `update products set stock_available = stock_available - 100000 where id = '${productId}'`,
);
const before = (await prisma.product.findUniqueOrThrow({ where: { id: productId } })).stockAvailable ?? 0;
const t0 = performance.now();
let expired = 0;
await Promise.all(
  Array.from({ length: sweepers }, async () => {
    for (;;) {
      const ids = await expireOverdueOrders(prisma, { limit: batch });
      if (ids.length === 0) break;
      expired += ids.length;
    }
  }),
);
const after = (await prisma.product.findUniqueOrThrow({ where: { id: productId } })).stockAvailable ?? 0;
console.log(
  `${sweepers} sweepers, batches of ${batch}: expired ${expired} in ${((performance.now() - t0) / 1000).toFixed(1)} s; stock released ${after - before}`,
);
await close();
