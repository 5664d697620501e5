// A bad configuration stops the start with a message naming the variables, instead of a server that
// answers every request with an error.
try {
  await import("./env");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
