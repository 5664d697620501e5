// Using and revoking access to an order. A link (`/o/<token>`) is only ever exchanged at the landing for a
// browser credential (its own secret, purpose and lifetime), which the browser keeps in an httpOnly cookie
// with the credentials of its other orders. Wrong, expired and revoked secrets fail with the same error, so a
// caller cannot tell which of the three it hit.
import type { Db, OrderStatus, Tx } from "@nitip/db";
import { DomainError } from "../errors.ts";
import { issueAccessTokenSql, liveTokenSql } from "./issue.ts";
import { accessSecretPattern, hashTokenHex, newOrderAccessToken } from "./secret.ts";

const notValidMessage = "This order link is not valid any more. Ask for a new link from the host.";

function linkNotValid(): DomainError {
  return new DomainError("NOT_FOUND", notValidMessage);
}

/** The order a link opens; records its use. Throws NOT_FOUND (one message for every failure). */
export async function resolveOrderAccessToken(db: Db | Tx, token: string): Promise<{ orderId: string }> {
  if (!accessSecretPattern.test(token)) throw linkNotValid();
  const rows = await db.$queryRawUnsafe<{ order_id: string }[]>(
    `update guest_access_tokens t set last_used_at = now()
      where t.token_hash = decode($1, 'hex') and ${liveTokenSql("link", "t")}
      returning t.order_id::text`,
    hashTokenHex(token),
  );
  const row = rows[0];
  if (!row) throw linkNotValid();
  return { orderId: row.order_id };
}

export interface HeldOrder {
  /** The browser credential (the secret from the cookie). */
  credential: string;
  orderId: string;
  code: string;
  status: OrderStatus;
  tripTitle: string;
  tripSlug: string;
  createdAt: Date;
}

interface HeldRow {
  hash: string;
  order_id: string;
  code: string;
  status: OrderStatus;
  trip_title: string;
  trip_slug: string;
  created_at: Date;
}

/** Which orders these browser credentials still open, in the order given; dead ones are left out. */
export async function resolveBrowserCredentials(
  db: Db | Tx,
  credentials: readonly string[],
): Promise<HeldOrder[]> {
  const wellFormed = credentials.filter((credential) => accessSecretPattern.test(credential));
  if (wellFormed.length === 0) return [];
  const rows = await db.$queryRawUnsafe<HeldRow[]>(
    `select encode(t.token_hash, 'hex') as hash, t.order_id::text, o.code, o.status::text as status,
            tr.title as trip_title, tr.slug as trip_slug, o.created_at
       from guest_access_tokens t join orders o on o.id = t.order_id join trips tr on tr.id = o.trip_id
      where t.token_hash = any(select decode(h, 'hex') from unnest($1::text[]) h) and ${liveTokenSql("browser", "t")}`,
    wellFormed.map(hashTokenHex),
  );
  const byHash = new Map(rows.map((row) => [row.hash, row]));
  return wellFormed.flatMap((credential) => {
    const row = byHash.get(hashTokenHex(credential));
    if (!row) return [];
    const { order_id, code, status, trip_title, trip_slug, created_at } = row;
    return [
      {
        credential,
        orderId: order_id,
        code,
        status,
        tripTitle: trip_title,
        tripSlug: trip_slug,
        createdAt: created_at,
      },
    ];
  });
}

/**
 * The landing's swap, in one statement: the link is resolved (its use recorded) and, unless the browser
 * already holds a live credential for that order (`heldOrderIds`), a browser credential is minted for it.
 * Returns the order and the new credential (null when the held one stays). Throws NOT_FOUND like a bad link.
 */
export async function exchangeOrderLink(
  db: Db | Tx,
  token: string,
  heldOrderIds: readonly string[],
): Promise<{ orderId: string; code: string; credential: string | null }> {
  if (!accessSecretPattern.test(token)) throw linkNotValid();
  const minted = newOrderAccessToken();
  const [row] = await db.$queryRawUnsafe<{ order_id: string; code: string; minted: boolean }[]>(
    `with link as (
       update guest_access_tokens t set last_used_at = now()
        where t.token_hash = decode($1, 'hex') and ${liveTokenSql("link", "t")}
        returning t.order_id
     ), needed as (
       select order_id from link where order_id <> all($3::uuid[])
     ), ${issueAccessTokenSql("browser", { name: "minted", forOrders: "needed", hashSql: "decode($2, 'hex')" })}
     select link.order_id::text, o.code, exists (select 1 from minted) as minted
       from link join orders o on o.id = link.order_id`,
    hashTokenHex(token),
    minted.hashHex,
    heldOrderIds,
  );
  if (!row) throw linkNotValid();
  return { orderId: row.order_id, code: row.code, credential: row.minted ? minted.token : null };
}

/**
 * Revokes every live link and browser credential of an order: a link went to the wrong person, or the guest
 * asked for a new one. The host and admin use it too (a host procedure comes with the host workspace).
 */
export async function revokeOrderAccess(db: Db | Tx, orderId: string): Promise<number> {
  return db.$executeRawUnsafe(
    `update guest_access_tokens set revoked_at = now()
      where order_id = $1::uuid and revoked_at is null and expires_at > now()`,
    orderId,
  );
}
