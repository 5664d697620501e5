-- nitip_assert(condition, message): a guard for single-statement writes. Returns true when the condition holds,
-- otherwise (false or null) raises SQLSTATE 'NT001' with the message, which aborts the whole statement: a
-- data-modifying CTE chain can refuse atomically when something it re-checks changed since the caller read it.
-- VOLATILE so the planner never folds or skips a call.
--
-- The body is an E'' string with every semicolon written as \073: the migration runner (Prisma's pg adapter,
-- executeScript) splits scripts at each semicolon, dollar quotes included.
CREATE FUNCTION "nitip_assert"("condition" boolean, "message" text) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS E'
BEGIN
  IF "condition" IS NOT TRUE THEN
    RAISE EXCEPTION USING ERRCODE = ''NT001'', MESSAGE = "message"\073
  END IF\073
  RETURN true\073
END
';
