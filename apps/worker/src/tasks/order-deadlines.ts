// Per-order deadline jobs. The order engine acts only if the order is still in the state the deadline
// concerns and otherwise changes nothing, so a job that runs late, twice, or after the sweep is harmless.
import { expireUnpaidOrder, isDomainError, rejectUnvalidatedOrder } from "@nitip/core";
import { parseJobPayload } from "@nitip/jobs";
import type { Task } from "graphile-worker";
import type { WorkerContext } from "../context.ts";
import { PermanentJobError, runClassified } from "../job-control.ts";

/** An order that no longer exists cannot be expired by retrying. */
function orderGone(error: unknown): never {
  if (isDomainError(error, "NOT_FOUND")) throw new PermanentJobError(error.message, { cause: error });
  throw error;
}

export function orderExpireDp(ctx: WorkerContext): Task<"order:expire-dp"> {
  return (payload, helpers) =>
    runClassified(helpers, async () => {
      const { orderId } = parseJobPayload("order:expire-dp", payload);
      const result = await expireUnpaidOrder(ctx.db.prisma, orderId).catch(orderGone);
      helpers.logger.debug(`order:expire-dp ${orderId}: ${JSON.stringify(result ?? null)}`);
    });
}

export function orderValidationTimeout(ctx: WorkerContext): Task<"order:validation-timeout"> {
  return (payload, helpers) =>
    runClassified(helpers, async () => {
      const { orderId } = parseJobPayload("order:validation-timeout", payload);
      const result = await rejectUnvalidatedOrder(ctx.db.prisma, orderId).catch(orderGone);
      helpers.logger.debug(`order:validation-timeout ${orderId}: ${JSON.stringify(result ?? null)}`);
    });
}
