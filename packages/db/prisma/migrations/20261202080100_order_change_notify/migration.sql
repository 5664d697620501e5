-- Live order updates. Every order status change writes an order_events row (placement, each transition, the
-- deadline sweeps), so a trigger on that insert is the one place that sees them all. The NOTIFY is delivered
-- when, and only if, the transaction commits, and the order transactions already NOTIFY through
-- graphile_worker.add_jobs, so this adds no extra commit. The payload names the order, its new status and the
-- event id (a version that only grows), nothing personal. The web processes LISTEN on this channel
-- (apps/web/src/server/live).
--
-- The body is an E'' string with every semicolon written as \073: the migration runner (Prisma's pg adapter,
-- executeScript) splits scripts at each semicolon, dollar quotes included.
CREATE FUNCTION "notify_order_changed"() RETURNS trigger
LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_notify(''order_changed'', json_build_object(
    ''orderId'', NEW."order_id", ''status'', NEW."to_status", ''version'', NEW."id"::text)::text)\073
  RETURN NULL\073
END
';

CREATE TRIGGER "order_events_notify_order_changed"
  AFTER INSERT ON "order_events"
  FOR EACH ROW EXECUTE FUNCTION "notify_order_changed"();
