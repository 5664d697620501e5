-- The rate-limit counters are short-lived (minutes to an hour) and cost nothing to lose: after a crash every
-- client simply starts a fresh window. UNLOGGED keeps them out of the WAL, so the one or two counter upserts
-- in front of every order and link lookup commit without waiting for a WAL flush (fsync), which a durable
-- server otherwise does for each of them. The Prisma schema cannot say UNLOGGED, so it is stated here only.
ALTER TABLE "rate_limits" SET UNLOGGED;
