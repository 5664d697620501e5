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
// No herd: a message deferred for recipient pacing comes back at the recipient's next free slot plus one
// interval per pending message to that recipient queued before it (by created_at, id). Before, all N waiting
// messages came back at the same instant, one went out and N-1 were deferred again: N²/2 job runs for N
// messages. Now each wakes about when its turn comes: a few runs per message. The count is estimated, not
// reserved (no state to clean up when a host digest sends many rows at once, or a row is re-sent): a message
// that wakes too early (one ahead of it went late) is deferred once more, one that wakes too late only waits.
import type { Db } from "@nitip/db";

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
  recipient_free_at: Date | null;
  global_ok: boolean;
  recipient_ok: boolean;
  global_next_at: Date | null;
  queued_ahead: number | null;
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
    `with sync as materialized (select set_config('synchronous_commit', 'off', true) as off),
     msg as materialized (
       select o.id, o.created_at, o.channel, o.recipient, o.status::text as status,
              o.channel::text || ':' || o.recipient as recipient_key, 'global:' || o.channel::text as global_key,
              (select p.next_allowed_at from notification_pacing p
                where p.recipient = o.channel::text || ':' || o.recipient) as recipient_next_at
         from notification_outbox o where o.id = $1::uuid
     ), global_slot as (
       insert into notification_pacing as p (recipient, next_allowed_at)
       select msg.global_key, now() + $3 ${ms} from msg
        where msg.status = 'pending' and coalesce(msg.recipient_next_at <= now(), true)
       on conflict (recipient) do update
         set next_allowed_at = greatest(p.next_allowed_at, now()) + $3 ${ms}
         where p.next_allowed_at <= now() + $4 ${ms}
       returning 1
     ), recipient_slot as (
       insert into notification_pacing as p (recipient, next_allowed_at)
       select msg.recipient_key, now() + $2 ${ms} from msg where exists (select 1 from global_slot)
       on conflict (recipient) do update
         set next_allowed_at = greatest(p.next_allowed_at, now()) + $2 ${ms}
         where p.next_allowed_at <= now()
       returning 1
     )
     select msg.channel::text as channel, msg.recipient, msg.status,
            case when msg.recipient_next_at > now() then msg.recipient_next_at end as recipient_free_at,
            exists (select 1 from global_slot) as global_ok,
            exists (select 1 from recipient_slot) as recipient_ok,
            (select p.next_allowed_at from notification_pacing p where p.recipient = msg.global_key) as global_next_at,
            -- Only when the recipient is busy (CASE evaluates the count lazily).
            case when msg.recipient_next_at > now() or not exists (select 1 from recipient_slot) then
              (select count(*)::int from notification_outbox a
                where a.channel = msg.channel and a.recipient = msg.recipient and a.status = 'pending'
                  and (a.created_at, a.id) < (msg.created_at, msg.id))
            end as queued_ahead,
            (select off from sync) as sync_off
       from msg`,
    outboxId,
    limits.recipientIntervalMs,
    globalIntervalMs,
    burstMs,
  );
  if (!row) return { kind: "skip", reason: "row gone" };
  if (row.status === "sent") return { kind: "skip", reason: "already sent" };
  if (row.status === "failed") return { kind: "skip", reason: "already failed" };
  const turnMs = limits.recipientIntervalMs * (row.queued_ahead ?? 0);
  if (row.recipient_free_at) {
    return {
      kind: "deferred",
      retryAt: new Date(row.recipient_free_at.getTime() + turnMs),
      reason: "recipient pacing",
    };
  }
  if (!row.global_ok) {
    // The snapshot's value may be a little old (a concurrent send moved it on): at worst we come back early
    // and are deferred again.
    const at = row.global_next_at ? row.global_next_at.getTime() - burstMs : Date.now() + globalIntervalMs;
    return { kind: "deferred", retryAt: new Date(Math.max(at, Date.now() + 1)), reason: "global rate" };
  }
  if (!row.recipient_ok) {
    // Another send to this recipient took the slot between our check and our update.
    return {
      kind: "deferred",
      retryAt: new Date(Date.now() + limits.recipientIntervalMs + turnMs),
      reason: "recipient pacing",
    };
  }
  return { kind: "allowed", channel: row.channel, recipient: row.recipient };
}
