-- The final-payment and delivery deadlines are set only once an order reaches those steps, and only the
-- queries that look for such orders use these indexes (reminders.ts, the delivery sweep). Partial, they hold
-- only the orders that have the deadline: placement and every status move of the other orders no longer add
-- an entry to them (the expiry sweep wrote about 8 percent more WAL with both kept whole, bench sweep_wal_mb).
-- The Prisma schema keeps declaring them as @@index, the names and columns stay the same.
DROP INDEX "orders_status_final_due_at_idx";
CREATE INDEX "orders_status_final_due_at_idx" ON "orders"("status", "final_due_at") WHERE "final_due_at" IS NOT NULL;
DROP INDEX "orders_status_delivery_due_at_idx";
CREATE INDEX "orders_status_delivery_due_at_idx" ON "orders"("status", "delivery_due_at") WHERE "delivery_due_at" IS NOT NULL;
