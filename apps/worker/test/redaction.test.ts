// A provider error that quotes a phone number, an email address and a magic link, through a real worker
// process: neither its log nor job_runs, the job's last_error or the outbox row keep them.
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { enqueue } from "@nitip/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutboxRow } from "./fixtures.ts";
import { type FakeWhatsApp, jobs, leaked, startFakeWhatsApp, waitFor } from "./helpers.ts";
import { spawnWorker } from "./processes.ts";

const db = useTestDatabase();
let fake: FakeWhatsApp;

beforeAll(async () => {
  fake = await startFakeWhatsApp();
});
afterAll(() => fake.close());

describe("redaction", () => {
  it("keeps phones, emails and tokens from a failing job out of the log and every stored error", async () => {
    const rows = [await createOutboxRow(db), await createOutboxRow(db)];
    for (const row of rows) await enqueue(db.prisma, "notify:send", { outboxId: row.id });
    fake.answer = "leaky-error";
    const worker = spawnWorker({
      DIRECT_URL: db.url,
      NOTIFY_PROVIDER: "meta",
      META_BASE_URL: fake.url,
      META_PHONE_NUMBER_ID: "1234",
      META_ACCESS_TOKEN: "test-token",
      JOB_HISTORY_FLUSH_MS: "100",
      LOG_LEVEL: "debug",
    });
    try {
      await waitFor(
        async () => (await db.prisma.jobRun.count({ where: { outcome: "failure" } })) >= 2,
        "both failed runs in job history",
        30_000,
      );
    } finally {
      worker.child.kill("SIGTERM");
      await worker.exited;
    }

    const stored = [
      ...(await db.prisma.jobRun.findMany({ select: { errorMessage: true, errorStack: true } })),
      ...(await db.prisma.notificationOutbox.findMany({ select: { lastError: true } })),
      ...(await jobs(db, "notify:send")).map((job) => job.last_error),
    ];
    const log = worker.output.join("\n");
    for (const text of [JSON.stringify(stored), log]) {
      // The error did get there, with placeholders where the personal data was.
      expect(text).toContain("cannot deliver to [phone] ([email]): http://localhost:3000/o/[token]");
      expect(text).not.toContain(leaked.phone);
      expect(text).not.toContain(leaked.phone.slice(1));
      expect(text).not.toContain(leaked.email);
      expect(text).not.toContain(leaked.token);
    }
  });
});
