// The worker process: `node src/main.ts`. SIGTERM/SIGINT stop it gracefully (no new jobs, running ones get
// WORKER_SHUTDOWN_TIMEOUT_MS) and it exits 0; a second signal fails the running jobs at once (they are retried).
// Anything else that ends the runner (graphile-worker stops itself or fails after a database restart) or escapes
// it (an uncaught error, such as graphile-worker's "Error occurred whilst returning jobs from local queue")
// exits 1, so the supervisor (`pnpm dev`, systemd, the platform) starts a fresh process; its peers, or its
// successor, free its jobs when its heartbeat goes stale. Sends under way get the shutdown bound to record
// themselves first (a message the provider took must be marked sent, or it goes out twice).
import { loadEnv } from "./env.ts";
import { createLogger } from "./logger.ts";
import { sendsDrained } from "./tasks/notify-send.ts";
import { startWorker } from "./worker.ts";

let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const log = createLogger(env.LOG_LEVEL);
let dying = false;
const die = (message: string) => (error: unknown) => {
  log.fatal({ err: error }, message);
  if (dying) return;
  dying = true;
  const bound = new Promise((resolve) => setTimeout(resolve, env.WORKER_SHUTDOWN_TIMEOUT_MS));
  void Promise.race([sendsDrained(), bound]).finally(() => process.exit(1));
};
process.on("uncaughtException", die("uncaught error"));
process.on("unhandledRejection", die("unhandled rejection"));

try {
  const worker = await startWorker({ env, log });
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals === 1) {
      log.info({ signal }, "shutting down gracefully");
      worker.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
    } else {
      log.warn({ signal }, "second signal: failing running jobs now");
      void worker.runner.kill().finally(() => process.exit(1));
    }
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  void worker.crashed.then(die("worker stopped unexpectedly; exiting for the supervisor to restart it"));
} catch (error) {
  die("worker failed to start")(error);
}
