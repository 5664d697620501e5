// One LISTEN connection per web process, fanned out in memory to that process's subscribers. It is a pg
// client of its own, not one from the pool: a LISTEN lives as long as its session, which a pooled connection
// (or a transaction-mode PgBouncer) does not keep. When the connection drops (PostgreSQL restarts, a network
// cut, pg_terminate_backend) it reconnects with a growing delay, and once LISTEN is back every subscriber
// gets `resync`: changes committed while nobody listened were never heard, so they re-read.
import { redactError } from "@nitip/core";
import pg from "pg";
import {
  type OrderChangeSource,
  type OrderSignal,
  orderChangedChannel,
  ZBulkOrderChangeSchema,
  ZOrderChangeSchema,
} from "./order-changes";

export interface OrderChangeListener extends OrderChangeSource {
  /** Resolves once LISTEN is active for the first time. */
  ready(): Promise<void>;
  /** How many subscribers are attached now (a closed stream must leave none behind). */
  subscriberCount(): number;
  /** Stops listening for good: the connection is closed and nothing reconnects. */
  close(): Promise<void>;
}

export interface ListenerOptions {
  /** A session connection (DIRECT_URL): LISTEN does not survive a transaction-mode pooler. */
  connectionString: string;
  /** Wait before reconnect attempt `attempt` (0, 1, ...): 0.25 s doubling up to 10 s unless given. */
  retryDelayMs?: (attempt: number) => number;
}

const defaultDelay = (attempt: number) => Math.min(250 * 2 ** attempt, 10_000);

export function createOrderChangeListener(options: ListenerOptions): OrderChangeListener {
  const subscribers = new Set<(signal: OrderSignal) => void>();
  const delay = options.retryDelayMs ?? defaultDelay;
  let current: pg.Client | null = null;
  let heardBefore = false;
  let closed = false;
  let markReady: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  function broadcast(signal: OrderSignal) {
    for (const subscriber of subscribers) {
      try {
        subscriber(signal);
      } catch (error) {
        console.error(`[live] a subscriber failed: ${redactError(error).message}`);
      }
    }
  }

  function onNotification(message: pg.Notification) {
    if (message.channel !== orderChangedChannel || !message.payload) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.payload);
    } catch {
      parsed = null;
    }
    const change = ZOrderChangeSchema.safeParse(parsed);
    if (change.success) return broadcast({ type: "change", change: change.data });
    const bulk = ZBulkOrderChangeSchema.safeParse(parsed);
    if (bulk.success) return broadcast({ type: "resync", version: bulk.data.version });
    console.error(`[live] ignored a malformed ${orderChangedChannel} notification`);
  }

  function lost(client: pg.Client, error?: Error) {
    if (client !== current || closed) return;
    current = null;
    client.end().catch(() => {});
    console.error(
      `[live] lost the LISTEN connection (${error ? redactError(error).message : "ended"}); reconnecting`,
    );
    void connect();
  }

  async function connect() {
    for (let attempt = 0; !closed; attempt++) {
      const client = new pg.Client({
        connectionString: options.connectionString,
        keepAlive: true,
        // A black-holed network must fail the attempt (and retry), not hang it.
        connectionTimeoutMillis: 10_000,
        query_timeout: 10_000,
        application_name: "nitip-web-live",
      });
      client.on("notification", onNotification);
      client.on("error", (error) => lost(client, error));
      client.on("end", () => lost(client));
      try {
        await client.connect();
        await client.query(`LISTEN ${orderChangedChannel}`);
        if (closed) {
          await client.end();
          return;
        }
        current = client;
        if (heardBefore) broadcast({ type: "resync" });
        heardBefore = true;
        markReady();
        return;
      } catch (error) {
        // Not awaited: end() on a connection that failed half-way can wait for an 'end' that already passed.
        client.end().catch(() => {});
        if (attempt === 0 || attempt % 10 === 0) {
          console.error(`[live] cannot LISTEN yet (${redactError(error).message}); retrying`);
        }
        await new Promise((resolve) => setTimeout(resolve, delay(attempt)));
      }
    }
  }

  void connect();

  return {
    subscribe(onSignal) {
      subscribers.add(onSignal);
      return () => {
        subscribers.delete(onSignal);
      };
    },
    ready: () => readyPromise,
    subscriberCount: () => subscribers.size,
    async close() {
      closed = true;
      subscribers.clear();
      const client = current;
      current = null;
      await client?.end().catch(() => {});
    },
  };
}
