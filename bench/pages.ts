// Page server time on a production build, as a shopper gets it: the trip page `/t/<slug>` of a trip with 200
// products, and the guest's order page `/pesanan`, opened the way a guest opens it: the bench places an order
// over HTTP, follows the magic link `/o/<token>` from the answer, and reuses the cookie it sets (whatever its
// name). Each page: a check that it shows what it should, a warm-up, then 16 connections in a closed loop
// for a bounded time; latency per request, from sending to the last byte, over loopback. Also the server's CPU
// per page (steadier than latency on a shared machine) and the JavaScript a browser downloads for the page.
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { createBenchTrip } from "./fixtures.ts";
import { newPool, repoRoot, round, type Scenario, type ScenarioContext, summarize } from "./lib.ts";
import { placeOrderBody, placeOrderPath } from "./order-request.ts";
import { startWeb, type WebServer } from "./web.ts";

const connections = 16;
const seconds = Number(process.env.BENCH_PAGES_SECONDS ?? 10);
const warmupSeconds = 3;
const products = 200;

interface LoopResult {
  latencies: number[];
  failed: number;
  body: string;
}

/** `connections` keep-alive loops of GET `path` for `durationS`; a non-200 answer is counted as failed. */
async function getLoop(baseUrl: string, path: string, headers: Record<string, string>, durationS: number) {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const result: LoopResult = { latencies: [], failed: 0, body: "" };
  const deadline = performance.now() + durationS * 1000;
  const once = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const request = http.get(
        { host: url.hostname, port: url.port, path, agent, headers, timeout: 10_000 },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            if (response.statusCode === 200) {
              result.latencies.push(performance.now() - t0);
              result.body = Buffer.concat(chunks).toString();
            } else result.failed++;
            resolve();
          });
          response.on("error", () => {
            result.failed++;
            resolve();
          });
        },
      );
      request.on("timeout", () => request.destroy(new Error("timeout")));
      request.on("error", () => {
        result.failed++;
        resolve();
      });
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) await once();
    }),
  );
  agent.destroy();
  return result;
}

/**
 * Gzipped bytes of the scripts the page loads (its `<script src>` chunks, read from the build; the `noModule`
 * polyfills, which current browsers skip, left out).
 */
function pageScriptGzipBytes(html: string): number {
  const sources = new Set<string>();
  for (const [tag, src] of html.matchAll(/<script[^>]*\ssrc="\/_next\/([^"?]+)[^"]*"[^>]*>/g))
    if (src && !/\snoModule/i.test(tag)) sources.add(src);
  let bytes = 0;
  for (const src of sources)
    bytes += gzipSync(readFileSync(path.join(repoRoot, "apps/web/.next", src))).length;
  return bytes;
}

async function measurePage(
  ctx: ScenarioContext,
  web: WebServer,
  page: { key: string; label: string; path: string; headers: Record<string, string>; mustContain: string },
) {
  const baseUrl = web.baseUrl;
  const first = await fetch(`${baseUrl}${page.path}`, { headers: page.headers });
  const html = await first.text();
  if (first.status !== 200 || !html.includes(page.mustContain))
    throw new Error(`${page.label}: ${first.status}, the page does not show ${page.mustContain}`);
  await getLoop(baseUrl, page.path, page.headers, warmupSeconds);
  if (ctx.aborted) return;
  const cpuBefore = web.cpuMs();
  const result = await getLoop(baseUrl, page.path, page.headers, seconds);
  const cpuPerPage = (web.cpuMs() - cpuBefore) / Math.max(1, result.latencies.length + result.failed);
  const stats = summarize(result.latencies);
  const bytes = Buffer.byteLength(result.body);
  const gzip = gzipSync(result.body).length;
  ctx.log(
    `${page.label}: ${stats.count} pages in ${seconds} s (${round(stats.count / seconds, 1)}/s), ${result.failed} failed; ` +
      `p50 ${round(stats.p50, 1)} ms, p95 ${round(stats.p95, 1)} ms, p99 ${round(stats.p99, 1)} ms; ${bytes} bytes of HTML (${gzip} gzipped); ` +
      `${round(cpuPerPage, 1)} CPU ms per page`,
  );
  ctx.record({
    key: `${page.key}_p95_ms`,
    value: round(stats.p95, 1),
    unit: "ms",
    target: { op: "<=", value: 100 },
    note: `${page.label}, ${connections} connections, ${seconds} s: ${round(stats.count / seconds, 1)} pages/s, p50 ${round(stats.p50, 1)} ms${result.failed ? `, ${result.failed} FAILED` : ""}`,
  });
  ctx.record({
    key: `${page.key}_html_bytes`,
    value: bytes,
    unit: "bytes",
    note: `${gzip} bytes gzipped`,
  });
  ctx.record({
    key: `${page.key}_cpu_ms`,
    value: round(cpuPerPage, 1),
    unit: "ms/page",
    note: "CPU (user+system) of the next start process tree ÷ pages served, measured window",
  });
  ctx.record({
    key: `${page.key}_js_gzip_bytes`,
    value: pageScriptGzipBytes(html),
    unit: "bytes",
    note: "the page's script chunks, gzipped (noModule polyfills left out)",
  });
}

/** Places one order over HTTP, follows its magic link, returns the Cookie header the link set. */
async function guestCookie(
  baseUrl: string,
  trip: { slug: string },
  productId: string,
): Promise<{ cookie: string; path: string; code: string }> {
  const placed = await fetch(`${baseUrl}${placeOrderPath}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: placeOrderBody(trip, productId),
  });
  const answer = (await placed.json()) as { result?: { data?: { json?: { token?: string } } } };
  const token = answer.result?.data?.json?.token;
  if (!token) throw new Error(`order.place gave no magic-link token (${placed.status})`);
  const link = await fetch(`${baseUrl}/o/${token}`, { redirect: "manual" });
  const location = link.headers.get("location") ?? "";
  const cookies = link.headers.getSetCookie().map((line) => line.split(";")[0] as string);
  if (link.status < 300 || link.status >= 400 || cookies.length === 0)
    throw new Error(`/o/<token> answered ${link.status} without a cookie`);
  // The landing sends the guest to this order's own page, /pesanan/<code>.
  const path = new URL(location, baseUrl).pathname;
  if (!path.startsWith("/pesanan/"))
    throw new Error(`/o/<token> redirected to ${location}, expected /pesanan/<code>`);
  return { cookie: cookies.join("; "), path, code: decodeURIComponent(path.slice("/pesanan/".length)) };
}

export const pages: Scenario = {
  name: "pages",
  description: `trip page (${products} products) and order page (guest cookie from a magic link), ${connections} connections, ${seconds} s each`,
  async run(ctx) {
    const pool = newPool(ctx.url, 2);
    const trip = await createBenchTrip(
      pool,
      "pages",
      Array.from({ length: products }, (_, i) => ({
        name: `Oleh-oleh Tokyo nomor ${i + 1}`,
        price: 25_000 + i * 1_000,
        stock: i % 2 === 0 ? null : 1_000,
      })),
    );
    const web = await startWeb(ctx.url, ctx.log);
    await measurePage(ctx, web, {
      key: "trip_page",
      label: `/t/<slug> with ${products} products`,
      path: `/t/${trip.slug}`,
      headers: {},
      mustContain: `Oleh-oleh Tokyo nomor ${products}`,
    });
    if (ctx.aborted) return;
    const guest = await guestCookie(web.baseUrl, trip, trip.productIds[0] as string);
    await measurePage(ctx, web, {
      key: "order_page",
      label: "/pesanan/<code> with the magic link's cookie",
      path: guest.path,
      headers: { cookie: guest.cookie },
      mustContain: guest.code,
    });
  },
};
