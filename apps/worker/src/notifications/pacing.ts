// Send pacing in PostgreSQL, so every worker process shares it: a generic cell-rate algorithm on one row per
// key in notification_pacing. `next_allowed_at` is the theoretical arrival time; a send is allowed when it is
// within `burstMs` of now, and pushes it `intervalMs` further. Per recipient (`<channel>:<recipient>`):
// interval 6 s, no burst (Meta's pair limit). Global (`global:<channel>`): interval 1000/rate ms, one-second
// burst.
//
// One short statement per send, in its own implicit transaction, BEFORE the outbox row is claimed (see
// deliver.ts): it reads the row's channel and recipient, checks that the recipient is free, takes the global
// slot, then the recipient slot. The global row is touched by every send, so its row lock must be held as
// briefly as possible: the statement commits with `synchronous_commit = off` (set_config(..., true) lasts until
// that commit), so the lock is released without waiting for the WAL flush. With a durable commit every send
// waited for the previous one's fsync on that row, which capped the whole pipeline at one send per fsync.
// The cost: if PostgreSQL itself crashes, the last few hundred milliseconds of pacing updates may be lost, so
// a recipient could get a second message inside its 6 s window once, right after that crash. Outbox rows, jobs
// and tokens are committed durably as before.
//
// Conservative on races: two sends to one recipient that both see it free both take a global slot, and the
// second then fails the recipient update (ON CONFLICT re-checks the newest row version) and is deferred; its
// global slot is spent, never over-granted. A row that turns out to be locked or already sent at the claim
// has also spent its slots. Neither ever lets more than the limits through.
//
// No herd: a message that finds its recipient busy reserves the recipient's next slot (pushes next_allowed_at
// one interval further and keeps the slot it took in the row's `paced_at`) and comes back at that slot, when it
// owns it: only the global slot is taken then. Before, all N waiting messages came back at the same instant,
// one went out and N-1 were deferred again: N²/2 job runs for N messages; now each runs about twice, whatever
// the lateness of the worker. A slot whose row is sent another way (or fails) just passes unused.
// `host.order.placed` rows reserve nothing: one of them sends a digest of all (digest.ts), so reservations
// would hold back the host's next digest behind slots nobody uses; they wait for the recipient's free time
// together and all but one find themselves sent.
import type { Db } from "@nitip/db";
import { digestibleTemplate } from "./digest.ts";

export interface PacingLimits {
  recipientIntervalMs: number;
  globalRatePerS: number;
  /** Global burst; default one second. */
  globalBurstMs?: number;
}

export type SendSlot =
  | { kind: "allowed"; channel: "whatsapp" | "email"; recipient: string }
  | { kind: "deferred"; retryAt: Date; reason: "recipient pacing" | "global rate" }
  | { kind: "skip"; reason: "already sent" | "already failed" | "row gone" };

interface SlotRow {
  channel: "whatsapp" | "email";
  recipient: string;
  status: "pending" | "sent" | "failed";
  /** When the recipient is busy: the time to come back (the reserved slot, or when it is free). */
  recipient_retry_at: Date | null;
  owns_slot: boolean;
  global_ok: boolean;
  recipient_ok: boolean;
  global_next_at: Date | null;
  sync_off: string;
}

const ms = "* interval '1 millisecond'";

/** Takes both pacing slots for one outbox row, or says why not. One statement, asynchronous commit. */
export async function takeSendSlot(
  db: Pick<Db, "$queryRawUnsafe">,
  outboxId: string,
  limits: PacingLimits,
): Promise<SendSlot> {
  const globalIntervalMs = 1000 / limits.globalRatePerS;
  const burstMs = limits.globalBurstMs ?? 1000;
  const [row] = await db.$queryRawUnsafe<SlotRow[]>(
    `/* nitip:notify-pacing */ with sync as materialized (select set_config('synchronous_commit', 'off', true) as off),
     target as materialized (
       select o.id, o.channel, o.recipient, o.status::text as status, o.paced_at, o.template_key,
              o.channel::text || ':' || o.recipient as recipient_key, 'global:' || o.channel::text as global_key,
              (select p.next_allowed_at from notification_pacing p
                where p.recipient = o.channel::text || ':' || o.recipient) as recipient_next_at
         from notification_outbox o where o.id = $1::uuid
     ), msg as materialized (
       select target.*, coalesce(target.paced_at <= now(), false) as owns_slot,
              coalesce(target.recipient_next_at <= now(), true) as recipient_free
         from target
     ), global_slot as (
       insert into notification_pacing as p (recipient, next_allowed_at)
       select msg.global_key, now() + $3 ${ms} from msg
        where msg.status = 'pending' and (msg.owns_slot or msg.recipient_free)
       on conflict (recipient) do update
         set next_allowed_at = greatest(p.next_allowed_at, now()) + $3 ${ms}
         where p.next_allowed_at <= now() + $4 ${ms}
       returning 1
     ), recipient_slot as (
       insert into notification_pacing as p (recipient, next_allowed_at)
       select msg.recipient_key, now() + $2 ${ms} from msg
        where not msg.owns_slot and exists (select 1 from global_slot)
       on conflict (recipient) do update
         set next_allowed_at = greatest(p.next_allowed_at, now()) + $2 ${ms}
         where p.next_allowed_at <= now()
       returning 1
     ), reserved as (
       update notification_pacing p set next_allowed_at = greatest(p.next_allowed_at, now()) + $2 ${ms}
         from msg
        where p.recipient = msg.recipient_key and msg.status = 'pending' and not msg.recipient_free
          and msg.paced_at is null and msg.template_key <> $5
       returning p.next_allowed_at - $2 ${ms} as slot
     ), marked as (
       update notification_outbox o set paced_at = reserved.slot from reserved where o.id = $1::uuid
     )
     select msg.channel::text as channel, msg.recipient, msg.status, msg.owns_slot,
            case when not msg.owns_slot and not msg.recipient_free
              then coalesce((select slot from reserved), msg.paced_at, msg.recipient_next_at) end as recipient_retry_at,
            exists (select 1 from global_slot) as global_ok,
            exists (select 1 from recipient_slot) as recipient_ok,
            (select p.next_allowed_at from notification_pacing p where p.recipient = msg.global_key) as global_next_at,
            (select off from sync) as sync_off
       from msg`,
    outboxId,
    limits.recipientIntervalMs,
    globalIntervalMs,
    burstMs,
    digestibleTemplate,
  );
  if (!row) return { kind: "skip", reason: "row gone" };
  if (row.status === "sent") return { kind: "skip", reason: "already sent" };
  if (row.status === "failed") return { kind: "skip", reason: "already failed" };
  if (row.recipient_retry_at) {
    return { kind: "deferred", retryAt: row.recipient_retry_at, reason: "recipient pacing" };
  }
  if (!row.global_ok) {
    // The snapshot's value may be a little old (a concurrent send moved it on): at worst we come back early
    // and are deferred again.
    const at = row.global_next_at ? row.global_next_at.getTime() - burstMs : Date.now() + globalIntervalMs;
    return { kind: "deferred", retryAt: new Date(Math.max(at, Date.now() + 1)), reason: "global rate" };
  }
  if (!row.owns_slot && !row.recipient_ok) {
    // Another send to this recipient took the slot between our check and our update; next time we reserve one.
    return {
      kind: "deferred",
      retryAt: new Date(Date.now() + limits.recipientIntervalMs),
      reason: "recipient pacing",
    };
  }
  return { kind: "allowed", channel: row.channel, recipient: row.recipient };
}
