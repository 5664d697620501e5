// Runs once when the server process starts. NEXT_RUNTIME is set by Next itself (it is not configuration);
// checking it keeps the Node-only start-up code out of the edge bundle.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
