-- AlterTable
ALTER TABLE "notification_outbox" ADD COLUMN     "provider" TEXT;

-- CreateTable
CREATE TABLE "job_run_totals" (
    "task_identifier" TEXT NOT NULL,
    "outcome" "job_outcome" NOT NULL,
    "le_ms" INTEGER NOT NULL,
    "runs" BIGINT NOT NULL DEFAULT 0,
    "total_ms" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "job_run_totals_pkey" PRIMARY KEY ("task_identifier","outcome","le_ms")
);

-- CreateTable
CREATE TABLE "notification_send_totals" (
    "channel" "notification_channel" NOT NULL,
    "provider" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "shard" SMALLINT NOT NULL DEFAULT 0,
    "sends" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "notification_send_totals_pkey" PRIMARY KEY ("channel","provider","outcome","shard")
);

-- Hand-written: what Prisma cannot express. The trigger bodies are E'' strings with each semicolon written as
-- \073 (the migration runner splits scripts at every semicolon, dollar quotes included, as nitip_assert explains).
ALTER TABLE "notification_send_totals" ADD CONSTRAINT "notification_send_totals_outcome_check"
  CHECK ("outcome" IN ('sent', 'failed'));

-- The job-duration histogram's bucket bounds in milliseconds, in one place: the trigger files runs under them
-- and the metrics endpoint emits one `le` per bound (plus +Inf, stored as 2147483647).
CREATE FUNCTION "job_duration_buckets_ms"() RETURNS int[] LANGUAGE sql IMMUTABLE
  AS $$ SELECT ARRAY[10, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000] $$;

CREATE FUNCTION "job_duration_bucket_of"(duration_ms int) RETURNS int LANGUAGE sql IMMUTABLE
  AS $$ SELECT coalesce((SELECT min(b) FROM unnest(job_duration_buckets_ms()) b WHERE b >= duration_ms), 2147483647) $$;

-- One statement per batch of job_runs (the worker inserts its buffered runs with one INSERT), so the cost is
-- one small upsert per flush, not per run. Sorted, so two workers flushing at once lock the counter rows in the
-- same order and cannot deadlock.
CREATE FUNCTION "job_runs_add_to_totals"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO job_run_totals AS t (task_identifier, outcome, le_ms, runs, total_ms)
  SELECT task_identifier, outcome, job_duration_bucket_of(duration_ms), count(*), sum(duration_ms)
    FROM new_runs GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (task_identifier, outcome, le_ms)
    DO UPDATE SET runs = t.runs + excluded.runs, total_ms = t.total_ms + excluded.total_ms\073
  RETURN NULL\073
END ';

CREATE TRIGGER "job_runs_add_to_totals" AFTER INSERT ON "job_runs"
  REFERENCING NEW TABLE AS new_runs FOR EACH STATEMENT EXECUTE FUNCTION job_runs_add_to_totals();

-- Every attempt the worker records on an outbox row (attempts + 1) is one send, sent or failed. The counter row
-- is locked until the sending transaction commits, so one row per (channel, provider, outcome) would make every
-- concurrent send wait for the previous one to commit, so each connection writes its own shard (backend pid mod
-- 16) instead, and the metrics endpoint sums the shards.
CREATE FUNCTION "notification_outbox_add_to_totals"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO notification_send_totals AS t (channel, provider, outcome, shard, sends)
  VALUES (NEW.channel, coalesce(NEW.provider, ''unknown''),
          CASE WHEN NEW.status = ''sent'' THEN ''sent'' ELSE ''failed'' END, pg_backend_pid() % 16,
          NEW.attempts - OLD.attempts)
  ON CONFLICT (channel, provider, outcome, shard) DO UPDATE SET sends = t.sends + excluded.sends\073
  RETURN NULL\073
END ';

CREATE TRIGGER "notification_outbox_add_to_totals" AFTER UPDATE OF "attempts" ON "notification_outbox"
  FOR EACH ROW WHEN (NEW.attempts > OLD.attempts) EXECUTE FUNCTION notification_outbox_add_to_totals();

-- History already recorded counts from the start.
INSERT INTO job_run_totals (task_identifier, outcome, le_ms, runs, total_ms)
SELECT task_identifier, outcome, job_duration_bucket_of(duration_ms), count(*), sum(duration_ms)
  FROM job_runs GROUP BY 1, 2, 3;

-- No query filters job_runs on outcome first (failure rates read a started_at range, bench admin), so the
-- (outcome, started_at) index only cost every insert an extra index entry.
DROP INDEX "job_runs_outcome_started_at_idx";
