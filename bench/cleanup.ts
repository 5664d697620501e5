// What a scenario started (the web server, a worker, pools) registers here, so the runner can stop it at
// the end of the scenario, or on Ctrl-C, in reverse order.
type Cleanup = () => Promise<void> | void;

const cleanups: Cleanup[] = [];

export function onCleanup(cleanup: Cleanup): void {
  cleanups.push(cleanup);
}

export async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop() as Cleanup;
    try {
      await cleanup();
    } catch (error) {
      console.error("[bench] cleanup failed:", error);
    }
  }
}
