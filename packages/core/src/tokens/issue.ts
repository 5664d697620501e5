// Issuing access to one order, in one place: what each kind of token is (its purpose, lifetime and how many
// stay live per order), the SQL that inserts one, and the shape of the link. Placement and the worker's claim
// insert a token inside their own single statement, so issuing is a SQL fragment (`issueAccessTokenSql`);
// `issueOrderAccessToken` runs the same fragment on its own.
import type { Db, Tx } from "@nitip/db";
import { newOrderAccessToken } from "./secret.ts";

/** When platform_config has no row yet. */
const defaultLinkTtlDays = 60;
/** How long a browser keeps an order open after its link was opened there (the cookie's Max-Age too). */
export const browserCredentialTtlDays = 30;

/**
 * link: the `/o/<token>` in a message; a fresh one per message, so the cap keeps the last few messages'
 * links working and revokes older ones. browser: what the landing swaps a link for (one per browser).
 */
export const accessKinds = {
  link: {
    purpose: "order_access",
    liveCap: 5,
    // THE magic-link lifetime: platform_config.magic_link_ttl_days, read here only.
    lifetimeSql: `coalesce((select c.magic_link_ttl_days from platform_config c where c.id = 1), ${defaultLinkTtlDays}) * interval '1 day'`,
  },
  browser: {
    purpose: "browser_session",
    liveCap: 10,
    lifetimeSql: `${browserCredentialTtlDays} * interval '1 day'`,
  },
} as const;

export type AccessKind = keyof typeof accessKinds;

/** SQL condition: the token `alias` is of this kind and still works. */
export function liveTokenSql(kind: AccessKind, alias: string): string {
  return `${alias}.purpose = '${accessKinds[kind].purpose}' and ${alias}.revoked_at is null and ${alias}.expires_at > now()`;
}

/**
 * Two CTEs for a WITH clause, `<name>_rotated` and `<name>`: for the order in `forOrders` (a CTE name or a
 * parenthesised subquery with an `order_id` column and at most one row), insert a token of `kind` whose hash
 * is the SQL expression `hashSql`, and revoke that order's oldest live tokens of the kind beyond the cap, so
 * no more than `liveCap` stay live however many messages and replays issue one. `<name>` returns
 * `order_id, expires_at`; `<name>_rotated` the ids it revoked (for `withdrawAccessToken`). Both are data-modifying CTEs, so PostgreSQL runs them even when nothing reads them.
 * The revocation sees the tokens committed before the statement: issues racing on one order may each leave
 * the cap plus their own token live, until the next issue. `newOrder`: the order is inserted by this very
 * statement, so it has no tokens to revoke and only `<name>` is written (placement: the rotation's planning
 * and lookup were a measurable share of the hottest statement).
 */
export function issueAccessTokenSql(
  kind: AccessKind,
  options: { name: string; forOrders: string; hashSql: string; expiresAtSql?: string; newOrder?: boolean },
): string {
  const { purpose, liveCap, lifetimeSql } = accessKinds[kind];
  const { name, forOrders, hashSql } = options;
  const insert = `${name} as (
    insert into guest_access_tokens (token_hash, order_id, purpose, expires_at)
    select ${hashSql}, f.order_id, '${purpose}'::token_purpose, ${options.expiresAtSql ?? `now() + ${lifetimeSql}`}
      from ${forOrders} f
    returning order_id, expires_at
  )`;
  if (options.newOrder) return insert;
  return `${name}_rotated as (
    update guest_access_tokens old set revoked_at = now()
     where old.id in (select t.id from guest_access_tokens t join ${forOrders} f on f.order_id = t.order_id
                       where ${liveTokenSql(kind, "t")}
                       order by t.created_at desc, t.id offset ${liveCap - 1})
    returning old.id
  ), ${insert}`;
}

/** THE link shape: `<APP_BASE_URL>/o/<token>`, never built from a request's Host header. */
export function orderLinkUrl(appBaseUrl: string, token: string): string {
  return `${appBaseUrl.replace(/\/+$/, "")}/o/${token}`;
}

/**
 * Issues a token of `kind` for one order and returns the secret, once. `expiresAt` overrides the lifetime
 * (tests of expiry and cleanup).
 */
export async function issueOrderAccessToken(
  db: Db | Tx,
  orderId: string,
  options: { kind?: AccessKind; expiresAt?: Date } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const { token, hashHex } = newOrderAccessToken();
  const issue = issueAccessTokenSql(options.kind ?? "link", {
    name: "issued",
    forOrders: "target",
    hashSql: "decode($2, 'hex')",
    expiresAtSql: options.expiresAt ? "$3::timestamptz" : undefined,
  });
  const values: unknown[] = [orderId, hashHex, ...(options.expiresAt ? [options.expiresAt] : [])];
  const [row] = await db.$queryRawUnsafe<{ expires_at: Date }[]>(
    `with target as (select $1::uuid as order_id), ${issue} select expires_at from issued`,
    ...values,
  );
  if (!row) throw new Error(`no token issued for order ${orderId}`);
  return { token, expiresAt: row.expires_at };
}

/**
 * Takes back a token that was issued but never reached anyone (the message carrying it failed), and gives
 * the tokens its issue rotated out their life back, so failed sends never push the guest's links out.
 */
export async function withdrawAccessToken(
  tx: Tx,
  issued: { hashHex: string; rotatedIds: readonly string[] },
): Promise<void> {
  await tx.$executeRawUnsafe(
    `with withdrawn as (delete from guest_access_tokens where token_hash = decode($1, 'hex'))
     update guest_access_tokens set revoked_at = null where id = any($2::uuid[])`,
    issued.hashHex,
    issued.rotatedIds,
  );
}
