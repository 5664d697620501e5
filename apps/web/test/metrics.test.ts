// /api/metrics' text against a known database: jobs added with add_jobs and failed by a real graphile-worker
// runner, job_runs written in one batch as the worker's history writes them, outbox attempts recorded, and tRPC
// requests timed through the production handler. The output is parsed line by line as Prometheus reads it.
import { runOnceAndRelease } from "@nitip/db/testing";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { Logger } from "graphile-worker";
import { beforeAll, describe, expect, it } from "vitest";
import { handleTrpcRequest } from "../src/server/api/http";
import { createTRPCContext } from "../src/server/api/trpc";
import { renderMetrics } from "../src/server/monitoring/metrics";
import { proceduresOf, timeTrpcRequest } from "../src/server/monitoring/trpc-timing";

const db = useTestDatabase({ max: 5 });

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The text exposition format: HELP/TYPE comments, then `name{label="value",...} number` lines. */
function parsePrometheusText(text: string) {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (comment) {
      if (comment[1] === "TYPE") types.set(comment[2] ?? "", comment[3] ?? "");
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) throw new Error(`not a Prometheus line: ${line}`);
    const labels: Record<string, string> = {};
    const labelText = sample[2] ?? "";
    const label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/gy;
    let consumed = 0;
    for (let match = label.exec(labelText); match; match = label.exec(labelText)) {
      labels[match[1] ?? ""] = (match[2] ?? "").replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
      consumed = label.lastIndex;
    }
    if (consumed !== labelText.length) throw new Error(`bad labels: ${line}`);
    const value = sample[3] === "+Inf" ? Number.POSITIVE_INFINITY : Number(sample[3]);
    if (Number.isNaN(value)) throw new Error(`bad value: ${line}`);
    const name = sample[1] ?? "";
    const family = name.replace(/_(bucket|sum|count)$/, "");
    if (!types.has(name) && types.get(family) !== "histogram") throw new Error(`no TYPE for ${name}`);
    samples.push({ name, labels, value });
  }
  return { types, samples };
}

function sampleValue(samples: Sample[], name: string, labels: Record<string, string>) {
  const found = samples.filter(
    (s) =>
      s.name === name &&
      Object.keys(labels).length === Object.keys(s.labels).length &&
      Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (found.length !== 1) throw new Error(`${found.length} samples for ${name} ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

beforeAll(async () => {
  // Two failed for good by a real runner, one ready, one scheduled.
  await db.prisma.$queryRaw`select graphile_worker.add_job('test:boom', '{}'::json, max_attempts := 1)`;
  await db.prisma.$queryRaw`select graphile_worker.add_job('test:boom', '{}'::json, max_attempts := 1)`;
  await runOnceAndRelease({
    pgPool: db.pool,
    logger: new Logger(() => () => {}),
    taskList: {
      "test:boom": () => {
        throw new Error("boom");
      },
    },
  });
  await db.prisma.$queryRaw`select graphile_worker.add_job('test:boom', '{}'::json)`;
  await db.prisma.$queryRaw`select graphile_worker.add_job('test:later', '{}'::json,
    run_at := now() + interval '1 day')`;
  // The history of runs: notify:send 5 ms, 40 ms, 40 ms succeeded, 7,000 ms failed.
  await db.prisma.$executeRaw`
    insert into job_runs (job_id, task_identifier, attempt, max_attempts, started_at, duration_ms, outcome)
    select 1, 'notify:send', 1, 5, now(), d, o::job_outcome
      from (values (5, 'success'), (40, 'success'), (40, 'success'), (7000, 'failure')) as r(d, o)`;
  const row = await db.prisma.notificationOutbox.create({
    data: { channel: "email", recipient: "a@example.test", templateKey: "t", dedupeKey: "metrics-1" },
  });
  await db.prisma.notificationOutbox.update({
    where: { id: row.id },
    data: { provider: "smtp", attempts: { increment: 1 } },
  });
  await db.prisma.notificationOutbox.update({
    where: { id: row.id },
    data: { provider: "smtp", status: "sent", attempts: { increment: 1 } },
  });
  // Two tRPC requests through the production handler: one procedure of the router, one invented path.
  const context = () => createTRPCContext({ db: db.prisma, headers: new Headers(), user: null });
  for (const path of ["admin.overview", "no.such.procedure"]) {
    const request = new Request(`http://localhost/api/trpc/${path}`);
    const response = await timeTrpcRequest(request, () => handleTrpcRequest(request, context));
    expect(response.status).toBeGreaterThanOrEqual(400);
  }
});

describe("/api/metrics", () => {
  it("parses as Prometheus text and carries the expected series and values", async () => {
    const { text, contentType } = await renderMetrics(db.prisma);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const { types, samples } = parsePrometheusText(text);
    expect(Object.fromEntries(types)).toEqual({
      nitip_queue_jobs: "gauge",
      nitip_job_duration_seconds: "histogram",
      nitip_job_failures_total: "counter",
      nitip_notification_sends_total: "counter",
      nitip_http_request_duration_seconds: "histogram",
    });

    const depth = (state: string, task: string) => sampleValue(samples, "nitip_queue_jobs", { state, task });
    expect([
      depth("failed", "test:boom"),
      depth("ready", "test:boom"),
      depth("scheduled", "test:later"),
    ]).toEqual([2, 1, 1]);

    const bucket = (le: string, outcome = "success") =>
      sampleValue(samples, "nitip_job_duration_seconds_bucket", { task: "notify:send", outcome, le });
    expect([bucket("0.01"), bucket("0.05"), bucket("300"), bucket("+Inf")]).toEqual([1, 3, 3, 3]);
    expect([bucket("5", "failure"), bucket("10", "failure")]).toEqual([0, 1]);
    const success = { task: "notify:send", outcome: "success" };
    expect(sampleValue(samples, "nitip_job_duration_seconds_sum", success)).toBeCloseTo(0.085);
    expect(sampleValue(samples, "nitip_job_duration_seconds_count", success)).toBe(3);
    expect(sampleValue(samples, "nitip_job_failures_total", { task: "notify:send" })).toBe(1);

    const sends = (outcome: string) =>
      sampleValue(samples, "nitip_notification_sends_total", { channel: "email", provider: "smtp", outcome });
    expect([sends("failed"), sends("sent")]).toEqual([1, 1]);

    const timed = (procedure: string) =>
      sampleValue(samples, "nitip_http_request_duration_seconds_count", { procedure });
    expect([timed("admin.overview"), timed("unknown")]).toEqual([1, 1]);
  });
});

describe("procedure labels", () => {
  it("come from the router only, one per procedure of a batch", () => {
    expect(proceduresOf("http://x/api/trpc/admin.overview,admin.failedGroups?batch=1")).toEqual([
      "admin.overview",
      "admin.failedGroups",
    ]);
    expect(proceduresOf("http://x/api/trpc/admin.overview,evil%E0,x")).toEqual(["unknown"]);
    expect(proceduresOf("http://x/api/trpc/made.up.path")).toEqual(["unknown"]);
  });
});
