// Sends one outbox row, at most once in normal operation.
//
// First, one short autocommit statement takes the pacing slots (pacing.ts): it reads the row's channel and
// recipient and either takes the recipient's and the global slot or says when to come back (the job is
// deferred, no attempt spent), or that the row is already sent/failed/gone. Only then is the row claimed with
// `SELECT ... FOR UPDATE SKIP LOCKED` inside a transaction that stays open across the provider call and commits
// together with `status = 'sent'`. No pacing row is locked while the provider is called. A second job for the
// same row (or a second worker) skips the locked row and defers; a row already `sent` is left alone. The crash
// window: if the process dies (or the commit fails) after the provider accepted the message but before the
// commit, the row is still `pending` and the retry sends it again. That is the only way a row is sent twice; it
// costs one held connection per in-flight send, bounded by the provider timeout.
//
// A host's new orders go out as one digest: sending a `host.order.placed` row also claims the other pending ones
// to the same recipient (digest.ts) and marks them all sent with the one message. Their own jobs find them sent.
//
// A failed attempt is recorded on the row (attempts, redacted last_error) and retried on the schedule of
// retry.ts; when the retry period is over, or the provider says retrying cannot help, the row is `failed`.

import {
  isDomainError,
  issueAccessTokenSql,
  newOrderAccessToken,
  orderLinkUrl,
  redactText,
  renderNotification,
  withdrawAccessToken,
} from "@nitip/core";
import type { Db } from "@nitip/db";
import { DeferJob, PermanentJobError, RetryJobAt } from "../job-control.ts";
import { ProviderError, type Providers } from "../providers/index.ts";
import { claimDigest } from "./digest.ts";
import { takeSendSlot } from "./pacing.ts";
import { nextTryAt, type RetryPolicy, retryPeriodOver } from "./retry.ts";

export interface DeliveryDeps {
  db: Db;
  providers: Providers;
  appBaseUrl: string;
  timeoutMs: number;
  recipientIntervalMs: number;
  globalRatePerS: number;
  abortSignal: AbortSignal;
  retry: RetryPolicy;
  /** The job's creation: the retry period counts from here. */
  jobCreatedAt: Date;
}

interface OutboxRow {
  id: string;
  order_id: string | null;
  channel: "whatsapp" | "email";
  recipient: string;
  template_key: string;
  params: Record<string, unknown>;
  status: "pending" | "sent" | "failed";
  attempts: number;
  /** The claim statement inserted the hash of the token minted before it. */
  minted: boolean;
  /** Older links of the order that the issue revoked (the cap of live links). */
  rotated: string[];
}

// Claims the row and, when its message carries a magic link, issues the link's token in the same statement
// (core's issueAccessTokenSql: lifetime, cap of live links per order) with the hash of a secret minted in JS:
// one round trip instead of three. `params->'withOrderLink' = 'true'::jsonb` is exactly
// `params.withOrderLink === true`. The marker makes it a prepared statement (@nitip/db prepared.ts), as the
// pacing statement: both are planned once per connection instead of once per message.
const claimSql = `/* nitip:notify-claim */ with claimed as (
    select id, order_id, channel::text as channel, recipient, template_key, params, status::text as status,
           attempts
      from notification_outbox where id = $1::uuid for update skip locked
  ), link_for as (
    select order_id from claimed
     where status = 'pending' and order_id is not null and params->'withOrderLink' = 'true'::jsonb
  ), ${issueAccessTokenSql("link", { name: "minted", forOrders: "link_for", hashSql: "decode($2, 'hex')" })}
  select c.*, exists (select 1 from minted) as minted, array(select id::text from minted_rotated) as rotated
    from claimed c`;

export type DeliveryResult =
  | { status: "sent"; providerMessageId: string }
  | { status: "skipped"; reason: "already sent" | "already failed" | "row gone" };

type Attempt =
  | DeliveryResult
  | { status: "failed"; error: ProviderError; attempts: number; gaveUp: boolean }
  | { status: "deferred"; error: DeferJob };

export async function deliverOutboxRow(deps: DeliveryDeps, outboxId: string): Promise<DeliveryResult> {
  const { db } = deps;
  const slot = await takeSendSlot(db, outboxId, {
    recipientIntervalMs: deps.recipientIntervalMs,
    globalRatePerS: deps.globalRatePerS,
  });
  if (slot.kind === "skip") return { status: "skipped", reason: slot.reason };
  if (slot.kind === "deferred") throw new DeferJob(slot.retryAt, slot.reason);

  let attempt: Attempt;
  // Set once the provider has taken the message: from then on the row must end up `sent`.
  let accepted: { ids: string[]; providerMessageId: string; withLink: boolean } | undefined;
  try {
    attempt = await db.$transaction(
      async (tx): Promise<Attempt> => {
        const access = newOrderAccessToken();
        const [row] = await tx.$queryRawUnsafe<OutboxRow[]>(claimSql, outboxId, access.hashHex);
        if (!row) {
          const exists = await db.notificationOutbox.count({ where: { id: outboxId } });
          if (exists === 0) return { status: "skipped", reason: "row gone" };
          return {
            status: "deferred",
            error: new DeferJob(new Date(Date.now() + 5_000), "row is being sent by another job"),
          };
        }
        if (row.status === "sent") return { status: "skipped", reason: "already sent" };
        if (row.status === "failed") return { status: "skipped", reason: "already failed" };

        const params: Record<string, unknown> = { ...row.params };
        if (params.withOrderLink === true) {
          if (!row.minted) throw new PermanentJobError("withOrderLink is set but the order is gone");
          params.orderLink = orderLinkUrl(deps.appBaseUrl, access.token);
        }
        const digest = await claimDigest(tx, row);
        const rendered = renderNotification(
          digest?.templateKey ?? row.template_key,
          digest?.params ?? params,
        );
        const ids = [row.id, ...(digest?.ids ?? [])];
        try {
          const result = await deps.providers[row.channel].send(
            {
              channel: row.channel,
              to: row.recipient,
              subject: rendered.subject,
              text: rendered.text,
              templateKey: row.template_key,
              outboxId: row.id,
            },
            deps.abortSignal,
          );
          accepted = {
            ids,
            providerMessageId: result.providerMessageId,
            withLink: params.withOrderLink === true,
          };
          await tx.$executeRawUnsafe(
            `/* nitip:notify-sent */ update notification_outbox
                set status = 'sent', sent_at = clock_timestamp(), provider_message_id = $2, attempts = attempts + 1,
                    last_error = null, provider = $3
              where id = any($1::uuid[])`,
            ids,
            result.providerMessageId,
            deps.providers[row.channel].name,
          );
          return { status: "sent", providerMessageId: result.providerMessageId };
        } catch (error) {
          if (!(error instanceof ProviderError)) throw error;
          // Record the attempt on this row only (digested rows stay pending for their own jobs); the
          // transaction still commits, without the link it could not deliver.
          if (row.minted) await withdrawAccessToken(tx, { hashHex: access.hashHex, rotatedIds: row.rotated });
          const gaveUp = error.kind === "permanent" || retryPeriodOver(deps.jobCreatedAt, deps.retry);
          await tx.notificationOutbox.update({
            where: { id: row.id },
            data: {
              status: gaveUp ? "failed" : "pending",
              attempts: { increment: 1 },
              provider: deps.providers[row.channel].name,
              // The next try reserves a new pacing slot.
              pacedAt: null,
              lastError: redactText(error.message).slice(0, 1000),
            },
          });
          return { status: "failed", error, attempts: row.attempts + 1, gaveUp };
        }
      },
      { maxWait: 10_000, timeout: deps.timeoutMs + 15_000 },
    );
  } catch (error) {
    if (accepted && (await recordSentAfterLostCommit(db, accepted))) {
      return { status: "sent", providerMessageId: accepted.providerMessageId };
    }
    // Order gone, unknown template, bad params: no retry will help. Mark the row so nobody waits for it.
    const permanent =
      error instanceof PermanentJobError
        ? error
        : isDomainError(error)
          ? new PermanentJobError(error.message)
          : null;
    if (!permanent) throw error;
    await markFailed(db, outboxId, permanent.message);
    throw permanent;
  }
  if (attempt.status === "deferred") throw attempt.error;
  if (attempt.status === "failed") {
    const { error } = attempt;
    if (error.kind === "permanent") throw new PermanentJobError(error.message, { cause: error });
    if (attempt.gaveUp) {
      throw new PermanentJobError(`Gave up after ${attempt.attempts} attempts: ${error.message}`, {
        cause: error,
      });
    }
    throw new RetryJobAt(nextTryAt(attempt.attempts, deps.retry), error.message, { cause: error });
  }
  return attempt;
}

/**
 * The provider took the message but the transaction that marks it sent failed (PostgreSQL restarted, the
 * connection dropped): marks it sent on a fresh connection, retrying for a while, so the retry of this job
 * does not send it again. The job itself stays locked by this worker meanwhile, so no one else sends it.
 * Not for a message with a magic link: its token's row went with the transaction, so the guest holds a dead
 * link, and sending again (with a fresh one) is the lesser harm.
 */
async function recordSentAfterLostCommit(
  db: Db,
  accepted: { ids: string[]; providerMessageId: string; withLink: boolean },
): Promise<boolean> {
  if (accepted.withLink) return false;
  for (let attempt = 0; attempt < 30; attempt++) {
    try {
      await db.$executeRawUnsafe(
        `update notification_outbox
            set status = 'sent', sent_at = clock_timestamp(), provider_message_id = $2, attempts = attempts + 1,
                last_error = null
          where id = any($1::uuid[]) and status = 'pending'`,
        accepted.ids,
        accepted.providerMessageId,
      );
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return false;
}

/** Marks a row nobody will send any more; its error is redacted. */
export async function markFailed(db: Db, outboxId: string, error: string): Promise<void> {
  await db.notificationOutbox.updateMany({
    where: { id: outboxId, status: "pending" },
    data: { status: "failed", lastError: redactText(error).slice(0, 1000) },
  });
}
