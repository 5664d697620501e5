// Page server time on a production build: the trip page `/t/<slug>` of a trip with 200 products, and the
// guest's order page `/pesanan`, opened the way a guest opens it: the bench places an order over HTTP, follows
// the magic link `/o/<token>` from the answer, and reuses the cookie it sets (whatever its name). Then the
// signed-in pages at scale, each with a database session row for its user and the session cookie: the host's
// inbox `/host/inbox` over one trip with 10,000 orders in a week's mix of statuses, and the admin's failed-jobs
// page `/admin/failed` over 1,000,000 job_runs and 100,000 jobs (20,000 failed; bench/admin.ts' data set).
// Those two render a shell on the server and load their data in the browser with one tRPC request, so that
// request is measured too, exactly as the browser sends it. Each page or request: a check that it shows what it
// should, a warm-up, then 16 connections in a closed loop for a bounded time; latency per request, from
// sending to the last byte, over loopback. Also the server's CPU per page (steadier than latency on a shared
// machine) and the JavaScript a browser downloads for the page.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { jobCount, jobRunCount, seedJobScale } from "./admin.ts";
import { createBenchTrip, insertInboxOrders, insertSessions } from "./fixtures.ts";
import { newPool, repoRoot, round, type Scenario, type ScenarioContext, summarize } from "./lib.ts";
import { placeOrderBody, placeOrderPath } from "./order-request.ts";
import { startWeb, type WebServer } from "./web.ts";

const connections = 16;
const seconds = Number(process.env.BENCH_PAGES_SECONDS ?? 10);
const warmupSeconds = 3;
const products = 200;
const inboxOrders = Number(process.env.BENCH_INBOX_ORDERS ?? 10_000);
const inboxProducts = 20;

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

interface PageRequest {
  key: string;
  label: string;
  path: string;
  headers: Record<string, string>;
  /** What the answer must show: proof that it is the page asked for (not a sign-in page, not an error). */
  mustContain: string[];
}

/** Checks one answer, warms up, then the counted loop; null when the run was aborted meanwhile. */
async function loadLoop(ctx: ScenarioContext, web: WebServer, request: PageRequest, noun: string) {
  const baseUrl = web.baseUrl;
  // Not following redirects: a page that sends the bench to sign-in is a failure, not the sign-in page.
  const first = await fetch(`${baseUrl}${request.path}`, { headers: request.headers, redirect: "manual" });
  const text = await first.text();
  const missing = request.mustContain.filter((part) => !text.includes(part));
  if (first.status !== 200 || missing.length > 0)
    throw new Error(
      `${request.label}: ${first.status}${first.headers.get("location") ? ` to ${first.headers.get("location")}` : ""}, the answer does not show ${missing.join(", ")}`,
    );
  await getLoop(baseUrl, request.path, request.headers, warmupSeconds);
  if (ctx.aborted) return null;
  const cpuBefore = web.cpuMs();
  const result = await getLoop(baseUrl, request.path, request.headers, seconds);
  const cpuPerRequest = (web.cpuMs() - cpuBefore) / Math.max(1, result.latencies.length + result.failed);
  const stats = summarize(result.latencies);
  const bytes = Buffer.byteLength(result.body);
  const gzip = gzipSync(result.body).length;
  ctx.log(
    `${request.label}: ${stats.count} ${noun} in ${seconds} s (${round(stats.count / seconds, 1)}/s), ${result.failed} failed; ` +
      `p50 ${round(stats.p50, 1)} ms, p95 ${round(stats.p95, 1)} ms, p99 ${round(stats.p99, 1)} ms; ${bytes} bytes (${gzip} gzipped); ` +
      `${round(cpuPerRequest, 1)} CPU ms each`,
  );
  ctx.record({
    key: `${request.key}_p95_ms`,
    value: round(stats.p95, 1),
    unit: "ms",
    target: { op: "<=", value: 100 },
    note: `${request.label}, ${connections} connections, ${seconds} s: ${round(stats.count / seconds, 1)} ${noun}/s, p50 ${round(stats.p50, 1)} ms${result.failed ? `, ${result.failed} FAILED` : ""}`,
  });
  return { text, bytes, gzip, cpuPerRequest };
}

/** A page's HTML: p95, bytes, server CPU per page and the JavaScript it loads. */
async function measurePage(ctx: ScenarioContext, web: WebServer, page: PageRequest) {
  const measured = await loadLoop(ctx, web, page, "pages");
  if (!measured) return;
  ctx.record({
    key: `${page.key}_html_bytes`,
    value: measured.bytes,
    unit: "bytes",
    note: `${measured.gzip} bytes gzipped`,
  });
  ctx.record({
    key: `${page.key}_cpu_ms`,
    value: round(measured.cpuPerRequest, 1),
    unit: "ms/page",
    note: "CPU (user+system) of the next start process tree ÷ pages served, measured window",
  });
  ctx.record({
    key: `${page.key}_js_gzip_bytes`,
    value: pageScriptGzipBytes(measured.text),
    unit: "bytes",
    note: "the page's script chunks, gzipped (noModule polyfills left out)",
  });
}

/** The tRPC request a page's client components send once it has loaded: p95, bytes and server CPU. */
async function measureData(ctx: ScenarioContext, web: WebServer, request: PageRequest) {
  const measured = await loadLoop(ctx, web, request, "requests");
  if (!measured) return;
  ctx.record({
    key: `${request.key}_bytes`,
    value: measured.bytes,
    unit: "bytes",
    note: `${measured.gzip} bytes gzipped`,
  });
  ctx.record({
    key: `${request.key}_cpu_ms`,
    value: round(measured.cpuPerRequest, 1),
    unit: "ms/request",
    note: "CPU (user+system) of the next start process tree ÷ requests served, measured window",
  });
}

/**
 * GET of a batch of tRPC queries as the browser's httpBatchStreamLink sends it (src/trpc/react.tsx): the
 * procedures joined by commas, the inputs as superjson by position, the answer streamed as JSON lines.
 */
function trpcBatch(calls: [procedure: string, input: unknown][], cookie: string) {
  const inputs = Object.fromEntries(calls.map(([, input], i) => [i, { json: input }]));
  return {
    path: `/api/trpc/${calls.map(([procedure]) => procedure).join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`,
    headers: { cookie, "trpc-accept": "application/jsonl", "x-trpc-source": "nextjs-react" },
  };
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

/**
 * The session cookie's name on http://127.0.0.1 (the bench's APP_BASE_URL): apps/web/src/server/auth/cookies.ts
 * adds the `__Secure-` prefix only when the app is served over https.
 */
const sessionCookieName = "nitip.session";

export const pages: Scenario = {
  name: "pages",
  description:
    `trip page (${products} products), order page (guest cookie from a magic link), host inbox (${inboxOrders.toLocaleString("en-US")} orders, host signed in), ` +
    `admin failed-jobs page (${jobRunCount.toLocaleString("en-US")} job_runs, ${jobCount.toLocaleString("en-US")} jobs, admin signed in); ${connections} connections, ${seconds} s each`,
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
      mustContain: [`Oleh-oleh Tokyo nomor ${products}`],
    });
    if (ctx.aborted) return;
    const guest = await guestCookie(web.baseUrl, trip, trip.productIds[0] as string);
    await measurePage(ctx, web, {
      key: "order_page",
      label: "/pesanan/<code> with the magic link's cookie",
      path: guest.path,
      headers: { cookie: guest.cookie },
      mustContain: [guest.code],
    });
    if (ctx.aborted) return;

    // The signed-in pages at scale, seeded after the two pages above so their figures stay comparable with
    // earlier runs (untimed; the server sits idle meanwhile).
    const seedStarted = performance.now();
    const inbox = await createBenchTrip(
      pool,
      "inbox",
      Array.from({ length: inboxProducts }, (_, i) => ({
        name: `Titipan Osaka nomor ${i + 1}`,
        price: 50_000 + i * 5_000,
        stock: i % 2 === 0 ? null : 10_000,
      })),
    );
    const codeLabel = `INB${randomBytes(2).toString("hex").toUpperCase()}`;
    await insertInboxOrders(pool, inbox, inboxOrders, codeLabel);
    await seedJobScale(pool);
    await pool.query("analyze orders; analyze order_items; analyze payments");
    await pool.query("checkpoint");
    const { rows: admins } = await pool.query<{ id: string }>(
      "insert into users (email, name, role) values ($1, 'Bench admin', 'admin') returning id",
      [`bench-admin-${codeLabel.toLowerCase()}@nitip.test`],
    );
    const [hostToken, adminToken] = await insertSessions(pool, [inbox.hostUserId, admins[0]?.id as string]);
    ctx.log(
      `seeded the inbox and the job tables in ${round((performance.now() - seedStarted) / 1000, 1)} s (untimed)`,
    );
    // What the pages must show: the inbox lists the orders waiting for validation first, oldest first; the
    // failed page groups every failed job by its signature (a few dozen groups, all listed).
    const { rows: firstOrders } = await pool.query<{ code: string }>(
      `select code from orders where trip_id = $1 and status in ('awaiting_validation', 'awaiting_final_validation')
        order by created_at, id limit 1`,
      [inbox.tripId],
    );
    const { rows: failures } = await pool.query<{ task: string; signature: string }>(
      `select task_identifier as task, error_signature as signature from job_runs
        where final and outcome = 'failure' and error_signature is not null limit 1`,
    );
    const firstCode = firstOrders[0]?.code;
    const failure = failures[0];
    if (!firstCode || !failure)
      throw new Error("the seed left no order waiting for validation or no failed job");

    const hostCookie = `${sessionCookieName}=${hostToken}`;
    await measurePage(ctx, web, {
      key: "host_inbox_page",
      label: `/host/inbox, host signed in, ${inboxOrders.toLocaleString("en-US")} orders (the HTML: shell and trip list; the orders come from the request below)`,
      path: "/host/inbox",
      headers: { cookie: hostCookie },
      mustContain: ["Bench trip inbox"],
    });
    if (ctx.aborted) return;
    await measureData(ctx, web, {
      key: "host_inbox_data",
      label: `the inbox's first load: hostInbox.counts + hostInbox.list (30 orders) in one batch, ${inboxOrders.toLocaleString("en-US")} orders`,
      // As InboxView asks on mount: no filter, the "all" tab, the first page of an infinite query.
      ...trpcBatch(
        [
          ["hostInbox.counts", {}],
          ["hostInbox.list", { limit: 30, direction: "forward" }],
        ],
        hostCookie,
      ),
      mustContain: [firstCode, `"total":${inboxOrders}`],
    });
    if (ctx.aborted) return;

    const adminCookie = `${sessionCookieName}=${adminToken}`;
    await measurePage(ctx, web, {
      key: "admin_failed_page",
      label: `/admin/failed, admin signed in, ${jobRunCount.toLocaleString("en-US")} job_runs (the HTML: shell; the groups come from the request below)`,
      path: "/admin/failed",
      headers: { cookie: adminCookie },
      // The admin navigation renders only for an admin (anyone else gets the 404 page).
      mustContain: ['href="/admin/audit"'],
    });
    if (ctx.aborted) return;
    await measureData(ctx, web, {
      key: "admin_failed_data",
      label: `the failed page's first load: admin.failedGroups unfiltered, ${jobCount.toLocaleString("en-US")} jobs a fifth of them failed for good`,
      // FailedView's query with no filter in the URL: its task, text and age are undefined, which superjson
      // leaves out of `json` (and lists in `meta`, to the same effect).
      ...trpcBatch([["admin.failedGroups", {}]], adminCookie),
      mustContain: [JSON.stringify(failure.signature).slice(1, -1), failure.task],
    });
  },
};
