-- Only the cron page reads job_runs by task (the last run of each crontab task, admin cron.ts). Partial, the
-- index holds only the runs of crontab tasks (a few thousand a day) instead of an entry for every recorded run
-- (bench jobs: about 2 µs of PostgreSQL CPU per run). A new crontab task must be added here by a new migration:
-- packages/core/test/indexes.test.ts plans the cron page query for every crontab entry and fails otherwise.
-- The Prisma schema keeps declaring it as @@index, the name and columns stay the same.
DROP INDEX "job_runs_task_identifier_started_at_idx";
CREATE INDEX "job_runs_task_identifier_started_at_idx" ON "job_runs"("task_identifier", "started_at")
  WHERE "task_identifier" IN ('sweep:overdue-orders', 'reminders:send-due', 'maintenance:cleanup');
