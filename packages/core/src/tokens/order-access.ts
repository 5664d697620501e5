// Magic-link tokens: 32 random bytes shown to the guest once (base64url); only their SHA-256 is stored.
// A token opens exactly one order. Wrong, expired and revoked tokens fail with the same error, so a caller
// cannot tell which of the three it hit.
import { createHash, randomBytes } from "node:crypto";
import type { Db, Tx } from "@nitip/db";
import { DomainError } from "../errors.ts";

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;
const notFoundMessage = "This order link is not valid any more. Ask for a new link from the host.";

export function hashToken(token: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash("sha256").update(token).digest());
}

/** A fresh token and the hash to store; the caller inserts the hash (placeOrder does it in its own SQL). */
export function newOrderAccessToken(): { token: string; hash: Uint8Array<ArrayBuffer> } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

async function magicLinkTtlDays(db: Db | Tx): Promise<number> {
  const config = await db.platformConfig.findUnique({ where: { id: 1 }, select: { magicLinkTtlDays: true } });
  return config?.magicLinkTtlDays ?? 60;
}

/** Issues a new token for one order and returns it raw, once. Older tokens stay valid until revoked. */
export async function issueOrderAccessToken(
  db: Db | Tx,
  orderId: string,
  options: { expiresAt?: Date } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt =
    options.expiresAt ?? new Date(Date.now() + (await magicLinkTtlDays(db)) * 24 * 60 * 60 * 1000);
  const { token, hash } = newOrderAccessToken();
  await db.guestAccessToken.create({ data: { tokenHash: hash, orderId, expiresAt } });
  return { token, expiresAt };
}

/** The order a token opens; records its use. Throws NOT_FOUND (one message for every failure). */
export async function resolveOrderAccessToken(db: Db | Tx, token: string): Promise<{ orderId: string }> {
  if (!tokenPattern.test(token)) throw new DomainError("NOT_FOUND", notFoundMessage);
  const rows = await db.$queryRaw<{ order_id: string }[]>`
    update guest_access_tokens set last_used_at = now()
    where token_hash = ${hashToken(token)} and revoked_at is null and expires_at > now()
    returning order_id::text`;
  const row = rows[0];
  if (!row) throw new DomainError("NOT_FOUND", notFoundMessage);
  return { orderId: row.order_id };
}

/** Revokes every live token of an order (e.g. a link was forwarded to the wrong person). */
export async function revokeOrderAccessTokens(db: Db | Tx, orderId: string): Promise<number> {
  const result = await db.guestAccessToken.updateMany({
    where: { orderId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return result.count;
}
