// A host's new orders as one message. During a sale a host would get one WhatsApp per order, 6 s apart (the
// pair limit): 500 orders, 50 minutes of messages. Instead, the row being sent claims every other pending
// `host.order.placed` row to the same recipient (FOR UPDATE SKIP LOCKED, in the claim transaction) and one
// `host.orders.digest` message covers them all; deliver.ts marks them sent together. Each claimed row's own job
// later finds it sent and ends in one statement. Rows another job holds are skipped and go out on their own.
import type { Tx } from "@nitip/db";

export const digestibleTemplate = "host.order.placed";
/** Keeps one message and one statement bounded; the rest go in the next digest. */
const maxRowsPerDigest = 500;

export interface Digest {
  /** The other rows it covers (the row being sent is not among them). */
  ids: string[];
  templateKey: "host.orders.digest";
  params: { count: number; orderCodes: string[]; subtotal: number; tripTitles: string[] };
}

interface ClaimedRow {
  id: string;
  channel: string;
  recipient: string;
  template_key: string;
  params: Record<string, unknown>;
}

export async function claimDigest(tx: Tx, row: ClaimedRow): Promise<Digest | null> {
  if (row.template_key !== digestibleTemplate) return null;
  const others = await tx.$queryRawUnsafe<{ id: string; params: Record<string, unknown> }[]>(
    `select id, params from notification_outbox
      where channel = $1::notification_channel and recipient = $2 and template_key = $3
        and status = 'pending' and id <> $4::uuid
      order by created_at, id
      limit $5
      for update skip locked`,
    row.channel,
    row.recipient,
    digestibleTemplate,
    row.id,
    maxRowsPerDigest - 1,
  );
  if (others.length === 0) return null;
  const all = [row.params, ...others.map((other) => other.params)];
  const strings = (key: string) =>
    all.map((params) => params[key]).filter((value): value is string => typeof value === "string");
  return {
    ids: others.map((other) => other.id),
    templateKey: "host.orders.digest",
    params: {
      count: all.length,
      orderCodes: strings("orderCode"),
      subtotal: all.reduce(
        (sum, params) => sum + (typeof params.subtotal === "number" ? params.subtotal : 0),
        0,
      ),
      tripTitles: [...new Set(strings("tripTitle"))],
    },
  };
}
