import { type ProofStorage, readPaymentProof, tripOrdersCsv } from "@nitip/core";
import type { Db } from "@nitip/db";
import type { SessionUser } from "../api/trpc";
import { privateFileResponse } from "./route-response";

const extensions: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "application/pdf": "pdf",
};

/** A payment proof, inline, for the order's host or an admin. */
export function proofResponse(
  ctx: { db: Db; storage: ProofStorage; user: SessionUser | null },
  paymentId: string,
): Promise<Response> {
  return privateFileResponse(ctx.user, async (user) => {
    const file = await readPaymentProof(ctx.db, ctx.storage, {
      paymentId,
      actor: { type: user.role, id: user.id },
    });
    const name = `proof-${paymentId}.${extensions[file.mime] ?? "bin"}`;
    return { body: file.bytes, type: file.mime, disposition: `inline; filename="${name}"` };
  });
}

/** A trip's orders and items as CSV, as a download. */
export function tripCsvResponse(
  ctx: { db: Db; user: SessionUser | null },
  tripId: string,
): Promise<Response> {
  return privateFileResponse(ctx.user, async (user) => {
    const { csv, filename } = await tripOrdersCsv(ctx.db, {
      actor: { type: user.role, id: user.id },
      tripId,
    });
    return { body: csv, type: "text/csv; charset=utf-8", disposition: `attachment; filename="${filename}"` };
  });
}
