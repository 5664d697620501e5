-- AlterTable
ALTER TABLE "notification_outbox" ADD COLUMN     "paced_at" TIMESTAMPTZ(3);
