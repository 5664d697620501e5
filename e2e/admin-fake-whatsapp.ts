// A Fonnte-compatible WhatsApp gateway on loopback for the browser tests: the worker under test is pointed at
// it (NOTIFY_PROVIDER=fonnte, FONNTE_BASE_URL in playwright.config.ts). It answers 200 with a message id,
// except for targets a spec has marked as failing, which get HTTP 500 until the spec heals them. A spec
// drives it through /control/*, so parallel specs fail only their own recipients.
//   node e2e/admin-fake-whatsapp.ts --port 3101
import { createServer, type IncomingMessage } from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { port: { type: "string", default: "3101" } } });
const failing = new Map<string, string>();
const sent = new Map<string, number>();
let nextId = 1;

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const answer = (status: number, json: unknown) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(json));
  };
  if (url.pathname === "/health") return answer(200, { ok: true });
  if (request.method === "POST" && url.pathname === "/send") {
    const target = new URLSearchParams(await body(request)).get("target") ?? "";
    const reason = failing.get(target);
    if (reason) return answer(500, { status: false, reason });
    sent.set(target, (sent.get(target) ?? 0) + 1);
    return answer(200, { status: true, id: [nextId++] });
  }
  if (request.method === "POST" && url.pathname === "/control/fail") {
    const { targets, reason } = JSON.parse(await body(request)) as { targets: string[]; reason: string };
    for (const target of targets) failing.set(target, reason);
    return answer(200, { ok: true });
  }
  if (request.method === "POST" && url.pathname === "/control/heal") {
    const { targets } = JSON.parse(await body(request)) as { targets: string[] };
    for (const target of targets) failing.delete(target);
    return answer(200, { ok: true });
  }
  if (url.pathname === "/control/sent")
    return answer(200, { sent: sent.get(url.searchParams.get("target") ?? "") ?? 0 });
  answer(404, { status: false, reason: "not found" });
});

server.listen(Number(values.port), "127.0.0.1");
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => server.close(() => process.exit(0)));
