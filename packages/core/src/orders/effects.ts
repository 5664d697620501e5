// Pieces several transitions share.
import type { Db, Tx } from "@nitip/db";
import { DomainError } from "../errors.ts";
import type { ProofStorage } from "../proofs/storage.ts";
import { checkProofFile, newProofKey } from "../proofs/validate.ts";

export interface StoredProof {
  key: string;
  mime: string;
  size: number;
}

/**
 * Checks the bytes, stores them under a server-generated key, runs `work`, and deletes the file again if
 * `work` fails, so a refused transition leaves no orphan behind.
 */
export async function withStoredProof<T>(
  storage: ProofStorage,
  orderId: string,
  bytes: Uint8Array,
  work: (proof: StoredProof) => Promise<T>,
): Promise<T> {
  const checked = await checkProofFile(bytes);
  const proof = { key: newProofKey(orderId, checked.ext), mime: checked.mime, size: checked.size };
  await storage.put(proof.key, bytes, proof.mime);
  try {
    return await work(proof);
  } catch (error) {
    await storage.delete(proof.key).catch(() => {});
    throw error;
  }
}

export async function orderWindows(db: Db | Tx, tripId: string) {
  const [trip, config] = await Promise.all([
    db.trip.findUnique({ where: { id: tripId }, select: { validationWindowMinutes: true } }),
    db.platformConfig.findUnique({ where: { id: 1 } }),
  ]);
  if (!config) throw new Error("platform_config row 1 is missing; run the migrations.");
  return {
    validationWindowMs: (trip?.validationWindowMinutes ?? config.validationWindowMinutes) * 60_000,
    finalPaymentWindowMs: config.finalPaymentWindowHours * 3_600_000,
    deliveryConfirmMs: config.deliveryConfirmDays * 86_400_000,
  };
}

export function requireReason(reason: string | undefined, what: string): string {
  const trimmed = reason?.trim();
  if (!trimmed)
    throw new DomainError("BAD_INPUT", `Give a reason ${what}; the guest will see it.`, { field: "reason" });
  if (trimmed.length > 500)
    throw new DomainError("BAD_INPUT", "Keep the reason under 500 characters.", { field: "reason" });
  return trimmed;
}
