-- AlterTable
ALTER TABLE "order_items" ADD COLUMN     "reserved_quantity" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "open_slot" SMALLINT,
ADD COLUMN     "other_fees" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "platform_config" ADD COLUMN     "open_orders_per_phone" INTEGER NOT NULL DEFAULT 3;

-- CreateIndex
CREATE INDEX "guest_access_tokens_revoked_at_idx" ON "guest_access_tokens"("revoked_at");

-- CreateIndex
CREATE INDEX "orders_status_final_due_at_idx" ON "orders"("status", "final_due_at");

-- CreateIndex
CREATE INDEX "orders_status_delivery_due_at_idx" ON "orders"("status", "delivery_due_at");

-- CreateIndex
CREATE INDEX "orders_trip_id_created_at_id_idx" ON "orders"("trip_id", "created_at" DESC, "id" DESC);

-- Hand-written: what Prisma cannot express.

-- Lines that hold stock today keep holding exactly what the old release would have given back (the product's
-- current setting decided it then, from now on the line remembers).
UPDATE "order_items" i SET "reserved_quantity" = i."quantity"
FROM "orders" o, "products" p
WHERE o."id" = i."order_id" AND p."id" = i."product_id" AND p."stock_available" IS NOT NULL
  AND o."status" IN ('pending_dp', 'awaiting_validation', 'awaiting_final_payment', 'awaiting_final_validation', 'paid');
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_reserved_quantity_range" CHECK ("reserved_quantity" BETWEEN 0 AND "quantity");

-- Invoices issued before other fees were stored: the fees are what the stored amount holds beyond the rest.
UPDATE "orders" SET "other_fees" = "final_amount" - ("subtotal" + "shipping_fee" - "dp_amount")
WHERE "final_amount" IS NOT NULL AND "final_amount" > "subtotal" + "shipping_fee" - "dp_amount";
-- Every invoice component is bounded, the total fits in an int4, and the amount due is what the stored
-- components say (bigint arithmetic, so the check itself cannot overflow).
ALTER TABLE "orders" ADD CONSTRAINT "orders_fees_bounded" CHECK ("shipping_fee" BETWEEN 0 AND 100000000 AND "other_fees" BETWEEN 0 AND 100000000);
ALTER TABLE "orders" ADD CONSTRAINT "orders_invoice_total_fits" CHECK ("subtotal"::bigint + "shipping_fee" + "other_fees" <= 2147483647);
ALTER TABLE "orders" ADD CONSTRAINT "orders_final_amount_from_components" CHECK ("final_amount" IS NULL OR "final_amount" = greatest("subtotal"::bigint + "shipping_fee" + "other_fees" - "dp_amount", 0));
ALTER TABLE "orders" ADD CONSTRAINT "orders_open_slot_positive" CHECK ("open_slot" >= 1);

-- One unpaid-order slot per (trip, phone) at a time: two placements racing for the same free slot cannot
-- both commit (the loser gets a unique violation and re-reads). An order leaves the index when it is paid,
-- expired, cancelled or rejected.
CREATE UNIQUE INDEX "orders_open_slot_per_phone" ON "orders" ("trip_id", "guest_phone", "open_slot")
WHERE "status" IN ('pending_dp', 'awaiting_validation');

ALTER TABLE "platform_config" ADD CONSTRAINT "platform_config_open_orders_per_phone_positive" CHECK ("open_orders_per_phone" >= 1);
