import { getQueueOverview } from "@nitip/core";
import { redirect } from "next/navigation";
import { getDatabase } from "../../server/db";

/** The admin's landing: the failed jobs whenever anything has failed, else the queue overview. */
export default async function AdminHome() {
  const { failed } = await getQueueOverview(getDatabase().prisma);
  redirect(failed > 0 ? "/admin/failed" : "/admin/overview");
}
