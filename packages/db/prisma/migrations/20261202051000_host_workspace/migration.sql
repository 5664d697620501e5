-- Host workspace: invariants core's host and trip rules rely on, kept by the database too (Prisma cannot
-- express CHECK constraints, so this migration has no schema.prisma counterpart).
ALTER TABLE "host_profiles" ADD CONSTRAINT "host_profiles_whatsapp_e164" CHECK ("whatsapp_number" ~ '^\+[1-9][0-9]{6,14}$');
ALTER TABLE "trips" ADD CONSTRAINT "trips_dates_in_order" CHECK ("ends_on" >= "starts_on");
