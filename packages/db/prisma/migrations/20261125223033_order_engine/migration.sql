-- CreateEnum
CREATE TYPE "order_status" AS ENUM ('pending_dp', 'awaiting_validation', 'awaiting_final_payment', 'awaiting_final_validation', 'paid', 'shipped', 'delivered', 'expired', 'cancelled', 'rejected', 'refunded');

-- CreateEnum
CREATE TYPE "payment_kind" AS ENUM ('dp', 'final', 'refund');

-- CreateEnum
CREATE TYPE "payment_status" AS ENUM ('submitted', 'accepted', 'rejected', 'recorded');

-- CreateEnum
CREATE TYPE "actor_type" AS ENUM ('guest', 'host', 'admin', 'system');

-- CreateEnum
CREATE TYPE "token_purpose" AS ENUM ('order_access');

-- CreateEnum
CREATE TYPE "notification_channel" AS ENUM ('whatsapp', 'email');

-- CreateEnum
CREATE TYPE "notification_status" AS ENUM ('pending', 'sent', 'failed');

-- CreateEnum
CREATE TYPE "job_outcome" AS ENUM ('success', 'failure');

-- AlterTable
ALTER TABLE "trips" ADD COLUMN     "dp_percent" INTEGER,
ADD COLUMN     "dp_window_minutes" INTEGER,
ADD COLUMN     "validation_window_minutes" INTEGER;

-- CreateTable
CREATE TABLE "platform_config" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "dp_percent" INTEGER NOT NULL DEFAULT 20,
    "min_down_payment" INTEGER NOT NULL DEFAULT 10000,
    "dp_window_minutes" INTEGER NOT NULL DEFAULT 30,
    "validation_window_minutes" INTEGER NOT NULL DEFAULT 1440,
    "final_payment_window_hours" INTEGER NOT NULL DEFAULT 72,
    "delivery_confirm_days" INTEGER NOT NULL DEFAULT 7,
    "magic_link_ttl_days" INTEGER NOT NULL DEFAULT 60,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_config_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bank_accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "host_id" UUID NOT NULL,
    "bank_name" TEXT NOT NULL,
    "account_number" TEXT NOT NULL,
    "account_holder" TEXT NOT NULL,
    "is_primary" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bank_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "orders" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "trip_id" UUID NOT NULL,
    "status" "order_status" NOT NULL DEFAULT 'pending_dp',
    "guest_name" TEXT NOT NULL,
    "guest_phone" TEXT NOT NULL,
    "guest_email" TEXT,
    "shipping_address" TEXT NOT NULL,
    "note" TEXT,
    "payment_type" "payment_type" NOT NULL,
    "subtotal" INTEGER NOT NULL,
    "dp_amount" INTEGER NOT NULL,
    "final_amount" INTEGER,
    "shipping_fee" INTEGER NOT NULL DEFAULT 0,
    "refund_owed" INTEGER NOT NULL DEFAULT 0,
    "payment_due_at" TIMESTAMPTZ(3) NOT NULL,
    "validation_due_at" TIMESTAMPTZ(3),
    "final_due_at" TIMESTAMPTZ(3),
    "delivery_due_at" TIMESTAMPTZ(3),
    "courier" TEXT,
    "tracking_number" TEXT,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_items" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "product_name" TEXT NOT NULL,
    "unit_price" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "line_total" INTEGER NOT NULL,

    CONSTRAINT "order_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_id" UUID NOT NULL,
    "kind" "payment_kind" NOT NULL,
    "amount" INTEGER NOT NULL,
    "status" "payment_status" NOT NULL DEFAULT 'submitted',
    "proof_key" TEXT,
    "proof_mime" TEXT,
    "proof_size" INTEGER,
    "reject_reason" TEXT,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "validated_at" TIMESTAMPTZ(3),
    "validated_by_id" UUID,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_events" (
    "id" BIGSERIAL NOT NULL,
    "order_id" UUID NOT NULL,
    "from_status" "order_status",
    "to_status" "order_status" NOT NULL,
    "actor_type" "actor_type" NOT NULL,
    "actor_id" TEXT,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "guest_access_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "token_hash" BYTEA NOT NULL,
    "order_id" UUID NOT NULL,
    "purpose" "token_purpose" NOT NULL DEFAULT 'order_access',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "guest_access_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_outbox" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_id" UUID,
    "channel" "notification_channel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "template_key" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "dedupe_key" TEXT NOT NULL,
    "status" "notification_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "provider_message_id" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_pacing" (
    "recipient" TEXT NOT NULL,
    "next_allowed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_pacing_pkey" PRIMARY KEY ("recipient")
);

-- CreateTable
CREATE TABLE "worker_heartbeats" (
    "worker_id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("worker_id")
);

-- CreateTable
CREATE TABLE "job_runs" (
    "id" BIGSERIAL NOT NULL,
    "job_id" BIGINT NOT NULL,
    "task_identifier" TEXT NOT NULL,
    "job_key" TEXT,
    "queue_name" TEXT,
    "attempt" INTEGER NOT NULL,
    "max_attempts" INTEGER NOT NULL,
    "worker_id" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "outcome" "job_outcome" NOT NULL,
    "final" BOOLEAN NOT NULL DEFAULT false,
    "error_message" TEXT,
    "error_stack" TEXT,
    "payload" JSONB,
    "order_id" UUID,

    CONSTRAINT "job_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "bank_accounts_host_id_idx" ON "bank_accounts"("host_id");

-- CreateIndex
CREATE UNIQUE INDEX "orders_code_key" ON "orders"("code");

-- CreateIndex
CREATE INDEX "orders_trip_id_status_created_at_idx" ON "orders"("trip_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "orders_status_payment_due_at_idx" ON "orders"("status", "payment_due_at");

-- CreateIndex
CREATE INDEX "orders_status_validation_due_at_idx" ON "orders"("status", "validation_due_at");

-- CreateIndex
CREATE UNIQUE INDEX "orders_trip_id_idempotency_key_key" ON "orders"("trip_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "order_items_order_id_idx" ON "order_items"("order_id");

-- CreateIndex
CREATE INDEX "order_items_product_id_idx" ON "order_items"("product_id");

-- CreateIndex
CREATE INDEX "payments_order_id_idx" ON "payments"("order_id");

-- CreateIndex
CREATE INDEX "order_events_order_id_created_at_idx" ON "order_events"("order_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "guest_access_tokens_token_hash_key" ON "guest_access_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "guest_access_tokens_order_id_idx" ON "guest_access_tokens"("order_id");

-- CreateIndex
CREATE INDEX "guest_access_tokens_expires_at_idx" ON "guest_access_tokens"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "notification_outbox_dedupe_key_key" ON "notification_outbox"("dedupe_key");

-- CreateIndex
CREATE INDEX "notification_outbox_status_created_at_idx" ON "notification_outbox"("status", "created_at");

-- CreateIndex
CREATE INDEX "notification_outbox_order_id_idx" ON "notification_outbox"("order_id");

-- CreateIndex
CREATE INDEX "job_runs_started_at_idx" ON "job_runs"("started_at");

-- CreateIndex
CREATE INDEX "job_runs_task_identifier_started_at_idx" ON "job_runs"("task_identifier", "started_at");

-- CreateIndex
CREATE INDEX "job_runs_outcome_started_at_idx" ON "job_runs"("outcome", "started_at");

-- CreateIndex
CREATE INDEX "job_runs_job_id_idx" ON "job_runs"("job_id");

-- CreateIndex
CREATE INDEX "job_runs_order_id_idx" ON "job_runs"("order_id");

-- AddForeignKey
ALTER TABLE "bank_accounts" ADD CONSTRAINT "bank_accounts_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_trip_id_fkey" FOREIGN KEY ("trip_id") REFERENCES "trips"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_validated_by_id_fkey" FOREIGN KEY ("validated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "guest_access_tokens" ADD CONSTRAINT "guest_access_tokens_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Invariants the code relies on, enforced by the database too (Prisma's schema language cannot state them).
ALTER TABLE "products" ADD CONSTRAINT "products_stock_available_not_negative" CHECK ("stock_available" >= 0);
ALTER TABLE "products" ADD CONSTRAINT "products_price_not_negative" CHECK ("price" >= 0);
ALTER TABLE "products" ADD CONSTRAINT "products_max_per_order_positive" CHECK ("max_per_order" > 0);
ALTER TABLE "trips" ADD CONSTRAINT "trips_dp_percent_range" CHECK ("dp_percent" BETWEEN 1 AND 100);
ALTER TABLE "trips" ADD CONSTRAINT "trips_windows_positive" CHECK ("dp_window_minutes" > 0 AND "validation_window_minutes" > 0);
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_line_total" CHECK ("unit_price" >= 0 AND "line_total" = "unit_price" * "quantity");
ALTER TABLE "orders" ADD CONSTRAINT "orders_amounts_not_negative" CHECK ("subtotal" >= 0 AND "dp_amount" >= 0 AND "shipping_fee" >= 0 AND "refund_owed" >= 0 AND ("final_amount" IS NULL OR "final_amount" >= 0));
ALTER TABLE "orders" ADD CONSTRAINT "orders_guest_phone_e164" CHECK ("guest_phone" ~ '^\+[1-9][0-9]{6,14}$');
ALTER TABLE "payments" ADD CONSTRAINT "payments_amount_not_negative" CHECK ("amount" >= 0);
ALTER TABLE "platform_config" ADD CONSTRAINT "platform_config_single_row" CHECK ("id" = 1);
ALTER TABLE "guest_access_tokens" ADD CONSTRAINT "guest_access_tokens_hash_length" CHECK (octet_length("token_hash") = 32);

-- At most one primary bank account per host.
CREATE UNIQUE INDEX "bank_accounts_one_primary_per_host" ON "bank_accounts" ("host_id") WHERE "is_primary";

INSERT INTO "platform_config" ("id") VALUES (1) ON CONFLICT DO NOTHING;
