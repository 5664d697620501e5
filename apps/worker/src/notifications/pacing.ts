// Send pacing in PostgreSQL, so every worker process shares it: a generic cell-rate algorithm on one row per
// key in notification_pacing. `next_allowed_at` is the theoretical arrival time; a send is allowed when it is
// within `burstMs` of now, and pushes it `intervalMs` further. One statement, so two workers cannot both take
// the last slot. Per recipient: interval 6 s, no burst (Meta's pair limit). Global: interval 1000/rate ms with a
// one-second burst.
import type { Db } from "@nitip/db";

export type PacingDecision = { allowed: true } | { allowed: false; retryAt: Date };

export async function takePacingSlot(
  db: Pick<Db, "$queryRawUnsafe">,
  key: string,
  intervalMs: number,
  burstMs = 0,
): Promise<PacingDecision> {
  const [taken] = await db.$queryRawUnsafe<{ next_allowed_at: Date }[]>(
    `insert into notification_pacing as p (recipient, next_allowed_at)
     values ($1, now() + $2 * interval '1 millisecond')
     on conflict (recipient) do update
       set next_allowed_at = greatest(p.next_allowed_at, now()) + $2 * interval '1 millisecond'
       where p.next_allowed_at <= now() + $3 * interval '1 millisecond'
     returning next_allowed_at`,
    key,
    intervalMs,
    burstMs,
  );
  if (taken) return { allowed: true };
  const [row] = await db.$queryRawUnsafe<{ retry_at: Date }[]>(
    `select next_allowed_at - $2 * interval '1 millisecond' as retry_at from notification_pacing where recipient = $1`,
    key,
    burstMs,
  );
  return { allowed: false, retryAt: row?.retry_at ?? new Date(Date.now() + intervalMs) };
}
