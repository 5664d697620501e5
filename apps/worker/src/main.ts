// The worker process: `node src/main.ts`. SIGTERM/SIGINT stop it gracefully (no new jobs, running ones get
// WORKER_SHUTDOWN_TIMEOUT_MS) and it exits 0; a second signal fails the running jobs at once (they are retried).
import { loadEnv } from "./env.ts";
import { createLogger } from "./logger.ts";
import { startWorker } from "./worker.ts";

let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const log = createLogger(env.LOG_LEVEL);

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
  worker.runner.promise.catch((error: unknown) => {
    log.fatal({ err: error }, "worker crashed");
    process.exit(1);
  });
} catch (error) {
  log.fatal({ err: error }, "worker failed to start");
  process.exit(1);
}
