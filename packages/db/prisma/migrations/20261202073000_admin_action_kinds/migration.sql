-- The admin dashboard's further actions: replay a failed job with an edited payload, force-unlock the jobs of
-- a dead worker, send a given-up notification again. Each writes its audit row like retry and discard.
ALTER TABLE "admin_actions" DROP CONSTRAINT "admin_actions_action_check";
ALTER TABLE "admin_actions" ADD CONSTRAINT "admin_actions_action_check"
  CHECK ("action" IN ('retry', 'discard', 'replay', 'force_unlock', 'resend'));
