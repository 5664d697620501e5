// The indexes exist for the queries actually issued: each query below is the one the code sends (same
// predicate and order), EXPLAINed on a realistic table (tens of thousands of rows, most of them long done, a
// few due) after ANALYZE, with the planner free to choose a sequential scan.
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { crontab } from "@nitip/jobs";
import { beforeAll, describe, expect, it } from "vitest";
import { createHostWithTrip } from "./fixtures.ts";

const db = useTestDatabase();
let tripId = "";

async function plan(sql: string, ...values: unknown[]): Promise<string> {
  const rows = await db.prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`explain ${sql}`, ...values);
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}

beforeAll(async () => {
  const trips = await Promise.all(Array.from({ length: 10 }, () => createHostWithTrip(db.prisma)));
  tripId = trips[0]?.trip.id ?? "";
  // 40,000 orders over 10 trips: mostly delivered or expired; 1 in 200 in each waiting status, whose
  // deadlines are spread over the coming hours and days (a few already due).
  await db.prisma.$executeRawUnsafe(
    `insert into orders (code, trip_id, status, guest_name, guest_phone, shipping_address, payment_type, subtotal,
                         dp_amount, payment_due_at, validation_due_at, final_due_at, delivery_due_at,
                         idempotency_key, request_hash, created_at)
     select 'IDX-' || n, ($1::uuid[])[1 + n % 10],
            (case when n % 200 = 0 then 'shipped' when n % 200 = 1 then 'awaiting_final_payment'
                  when n % 200 = 2 then 'awaiting_final_validation' when n % 2 = 0 then 'delivered'
                  else 'expired' end)::order_status,
            'Guest', '+62812' || (10000000 + n), 'Jl. 1', 'dp', 100000, 20000,
            now() - n * interval '1 minute', now() + ((n % 24) - 1) * interval '1 hour',
            now() + (n % 97) * interval '1 hour', now() + ((n % 14) - 1) * interval '12 hours',
            'idx-' || n, 'h', now() - n * interval '1 minute'
     from generate_series(1, 40000) n`,
    trips.map((t) => t.trip.id),
  );
  await db.prisma.$executeRawUnsafe(
    `update orders set final_amount = subtotal - dp_amount where status in ('awaiting_final_payment', 'awaiting_final_validation')`,
  );
  // 40,000 tokens: 1 in 100 expired long ago, 1 in 100 revoked long ago, the rest live.
  await db.prisma.$executeRawUnsafe(
    `insert into guest_access_tokens (token_hash, order_id, expires_at, revoked_at)
     select sha256(('t' || n)::bytea), o.id,
            case when n % 100 = 0 then now() - interval '30 days' else now() + interval '60 days' end,
            case when n % 100 = 1 then now() - interval '30 days' end
     from generate_series(1, 40000) n join lateral (select id from orders where code = 'IDX-' || n) o on true`,
  );
  // 200,000 job runs over 30 days, and 20,000 jobs in graphile-worker's queue (1 in 50 due, the rest later).
  await db.prisma.$executeRawUnsafe(
    `insert into job_runs (job_id, task_identifier, attempt, max_attempts, started_at, duration_ms, outcome)
     select n % 20000, 'notify:send', 1, 25, now() - (n / 200000.0) * interval '30 days', n % 900,
            (case when n % 20 = 0 then 'failure' else 'success' end)::job_outcome
     from generate_series(1, 200000) n`,
  );
  await db.prisma.$executeRawUnsafe(
    `select count(*) from graphile_worker.add_jobs(array(
       select row('notify:send', '{}'::json, null,
                  case when n % 50 = 0 then now() - interval '1 minute' else now() + (n % 1440) * interval '1 minute' end,
                  null, null, null, null)::graphile_worker.job_spec
       from generate_series(1, 20000) n))`,
  );
  await db.prisma.$executeRawUnsafe("analyze job_runs");
  await db.prisma.$executeRawUnsafe("analyze graphile_worker._private_jobs");
  await db.prisma.$executeRawUnsafe("analyze orders");
  await db.prisma.$executeRawUnsafe("analyze guest_access_tokens");
}, 120_000);

describe("indexes for the queries actually issued", () => {
  it("delivery sweep (deadlines.ts): status + delivery_due_at", async () => {
    const text =
      await plan(`select id from orders where status = 'shipped'::order_status and delivery_due_at <= now()
      order by delivery_due_at limit 2000 for update skip locked`);
    expect(text).toContain("orders_status_delivery_due_at_idx");
  });

  it("final-proof validation sweep (deadlines.ts): status + validation_due_at", async () => {
    const text = await plan(`select id from orders
      where status = 'awaiting_final_validation'::order_status and validation_due_at <= now()
      order by validation_due_at limit 2000 for update skip locked`);
    expect(text).toContain("orders_status_validation_due_at_idx");
  });

  it("final-payment reminders (reminders.ts): status + final_due_at", async () => {
    const text = await plan(
      `select id, final_amount as amount, final_due_at as due_at from orders
       where status = 'awaiting_final_payment' and final_amount is not null and final_due_at > $1
         and final_due_at <= $1 + $2 * interval '1 hour'`,
      new Date(),
      24,
    );
    expect(text).toContain("orders_status_final_due_at_idx");
  });

  it("token cleanup (maintenance-cleanup.ts): expires_at and revoked_at", async () => {
    const text = await plan(`select ctid from guest_access_tokens
      where expires_at < now() - interval '7 days' or revoked_at < now() - interval '7 days' limit 5000`);
    expect(text).toContain("guest_access_tokens_expires_at_idx");
    expect(text).toContain("guest_access_tokens_revoked_at_idx");
  });

  it("placement's unpaid-orders-per-phone count (place-order/statement.ts): the partial unique slot index", async () => {
    const text = await plan(
      `select count(*) from orders x
       where x.trip_id = $1::uuid and x.guest_phone = $2 and x.status in ('pending_dp', 'awaiting_validation')`,
      tripId,
      "+6281210000010",
    );
    expect(text).toContain("orders_open_slot_per_phone");
  });

  it("a trip's participants, newest first (trips/reports.ts tripParticipants): trip_id + created_at desc + id desc, no sort", async () => {
    const text = await plan(
      `select id, code, status, created_at from orders where trip_id = $1::uuid
       order by created_at desc, id desc limit 51`,
      tripId,
    );
    expect(text).toContain("orders_trip_id_created_at_id_idx");
    expect(text).not.toMatch(/\bSort\b/);
  });

  it("queue health's recent runs (monitoring.ts): a started_at range of job_runs", async () => {
    const text = await plan(
      `select started_at > now() - 15 * interval '1 minute' as recent, outcome from job_runs
        where started_at > now() - 75 * interval '1 minute'`,
    );
    expect(text).toContain("job_runs_started_at_idx");
  });

  it("the overview's day of throughput (throughput.ts): 24 hourly buckets of job_runs by started_at", async () => {
    const last = `date_bin(3600 * interval '1 second', coalesce(null::timestamptz, now()), timestamptz '2000-01-01 00:00:00+00')`;
    const text = await plan(
      `select task_identifier, date_bin(3600 * interval '1 second', started_at, timestamptz '2000-01-01 00:00:00+00'),
              count(*) filter (where outcome = 'failure')
         from job_runs
        where started_at >= ${last} - 23 * (3600 * interval '1 second') and started_at < ${last} + 3600 * interval '1 second'
        group by 1, 2`,
    );
    expect(text).toContain("job_runs_started_at_idx");
  });

  it("a job's attempts (getJobDetail): job_runs by job_id, its primary key's first column", async () => {
    const text = await plan(
      `select attempt, started_at, duration_ms from job_runs where job_id = $1::bigint order by started_at`,
      42,
    );
    expect(text).toContain("job_runs_pkey");
  });

  it("the cron page's last run of each crontab task (cron.ts): the partial task index covers every entry", async () => {
    for (const entry of crontab) {
      const text = await plan(
        `select started_at, outcome from job_runs where task_identifier = $1 order by started_at desc limit 1`,
        entry.task,
      );
      expect(text, entry.task).toContain("job_runs_task_identifier_started_at_idx");
    }
  });

  it("a failed job's stored signature (queue.ts, failed page): its last final run, from the index alone", async () => {
    await db.prisma.$executeRawUnsafe(
      `insert into job_runs (job_id, task_identifier, attempt, max_attempts, started_at, duration_ms, outcome,
                             final, error_message, error_signature)
       select n, 'notify:send', 25, 25, now(), 5, 'failure', true, 'timed out after 5 s', 'timed out after <n> s'
         from generate_series(1, 20000, 10) n`,
    );
    await db.prisma.$executeRawUnsafe("vacuum analyze job_runs");
    const text = await plan(
      `select r.error_signature from job_runs r where r.job_id = $1::bigint and r.final order by r.id desc limit 1`,
      42,
    );
    expect(text).toContain("Index Only Scan Backward using job_runs_final_job_id_idx");
  });

  it("the oldest ready job (monitoring.ts): graphile-worker's partial index on available jobs", async () => {
    const text = await plan(
      `select min(run_at) from graphile_worker._private_jobs where is_available and run_at <= now()`,
    );
    expect(text).toContain("jobs_main_index");
  });
});
