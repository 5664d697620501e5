-- The failed-jobs page groups failed jobs by error signature: the message with uuids, quoted values and
-- numbers replaced. Computed at read time, three regular expressions per failed job cost about 150 ms over
-- 20,000 failed jobs (bench admin), so the signature is computed once, when the worker records the run
-- that used up the last attempt, and stored on that job_runs row. The page then reads it through a small
-- partial index. This function is the one definition of the rule: the job history calls it on write, and
-- the page calls it for failed jobs that have no recorded final run (failed by a process without history).
CREATE FUNCTION "job_error_signature"(message text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN regexp_replace(regexp_replace(regexp_replace(
    left(coalesce(message, ''), 500),
    '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', '<id>', 'gi'),
    '"[^"]*"|''[^'']*''', '<value>', 'g'),
    '[0-9]+', '<n>', 'g');

ALTER TABLE "job_runs" ADD COLUMN "error_signature" TEXT;

-- Final failures of runs already recorded.
UPDATE "job_runs" SET "error_signature" = job_error_signature("error_message") WHERE "final";

-- Only final runs: a few rows per failed job, so the page finds the last final run of a job in one probe.
-- The signature is a key column so the probe never visits the table.
CREATE INDEX "job_runs_final_job_id_idx" ON "job_runs"("job_id", "id", "error_signature") WHERE "final";
