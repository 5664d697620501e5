import { getQueueOverview } from "@nitip/core";
import { redirect } from "next/navigation";
import { requireAdmin } from "../../server/auth/guards";
import { getDatabase } from "../../server/db";

/** The admin's landing: the failed jobs whenever anything has failed, else the queue overview. */
export default async function AdminHome() {
  // Layout and page render in parallel: guard here too, so the redirect says nothing to a non-admin.
  await requireAdmin();
  const { failed } = await getQueueOverview(getDatabase().prisma);
  redirect(failed > 0 ? "/admin/failed" : "/admin/overview");
}
