// The e2e server's throw-away database, for the few steps a browser cannot take: moving a deadline into the
// past so the real worker expires the order. scripts/dev.ts writes its URL where playwright.config.ts says.
import { readFile } from "node:fs/promises";
import pg from "pg";

const urlFile = `.data/e2e-${Number(process.env.E2E_PORT ?? 3100)}.database-url`;

export async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: (await readFile(urlFile, "utf8")).trim() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The order's DP deadline passes now, and its own expiry job (`order:expire-dp`, queued at placement) is due
 * now: the running worker expires it through the real task within its poll interval.
 */
export async function passPaymentDeadline(orderCode: string): Promise<void> {
  await withDatabase(async (client) => {
    const moved = await client.query(
      "update orders set payment_due_at = now() - interval '1 second' where code = $1 and status = 'pending_dp' returning id",
      [orderCode],
    );
    if (moved.rowCount !== 1) throw new Error(`order ${orderCode} is not waiting for its DP`);
    await client.query(
      `select graphile_worker.reschedule_jobs(array(
         select j.id from graphile_worker._private_jobs j
           join graphile_worker._private_tasks t on t.id = j.task_id
          where t.identifier = 'order:expire-dp' and j.payload->>'orderId' = $1
       ), run_at := now())`,
      [moved.rows[0].id],
    );
  });
}
