// A guest who lost their link (or fears it went to someone else) asks for a new one with the order code and
// their WhatsApp number. When both match one order, its links and browser credentials are revoked and a
// message with a fresh link is queued (outbox row + notify job, one transaction); the worker mints the link at
// send time. The answer never says whether they matched, so the form cannot be used to find orders.
import type { Db } from "@nitip/db";
import { DomainError } from "../errors.ts";
import { writeNotificationsAndJobs } from "../notifications/outbox.ts";
import { parseOrderCode } from "../orders/code.ts";
import { normalisePhoneNumber } from "../orders/guest-details.ts";
import { guestNotification } from "../orders/notifications.ts";
import { revokeOrderAccess } from "./access.ts";

/** At most one new-link message (and revocation) per order in this window: a stranger who knows the code and
 * number cannot flood the guest's WhatsApp or keep signing them out. */
const newLinkWindowMs = 10 * 60_000;

export const newLinkAnswer =
  "If this code and number belong to an order, a new link is on its way to that WhatsApp number. Older links stop working.";

function onField<T>(field: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError(error.code, error.message, { field });
    throw error;
  }
}

export async function requestNewOrderLink(
  db: Db,
  input: { orderCode: string; phone: string; now?: Date },
): Promise<{ message: string }> {
  // Malformed input says so (it reveals nothing about any order); a well-formed pair gets the same answer.
  const code = onField("orderCode", () => parseOrderCode(input.orderCode));
  const phone = onField("phone", () => normalisePhoneNumber(input.phone));
  const window = Math.floor((input.now ?? new Date()).getTime() / newLinkWindowMs);
  await db.$transaction(async (tx) => {
    const order = await tx.order.findFirst({ where: { code, guestPhone: phone }, select: { id: true } });
    if (!order) return;
    const queued = await writeNotificationsAndJobs(tx, [
      guestNotification(
        { id: order.id, code, guestPhone: phone, hostPhone: "" },
        "order.new_link",
        `new-link-${window}`,
      ),
    ]);
    // Revoke only when a message with a fresh link is actually on its way (not deduplicated).
    if (queued > 0) await revokeOrderAccess(tx, order.id);
  });
  return { message: newLinkAnswer };
}
