// The walking-skeleton thread: a host published a trip. Nothing to tell anyone yet; it proves the path
// web -> core (row + job in one transaction) -> worker, and checks the trip still exists.
import { parseJobPayload } from "@nitip/jobs";
import type { Task } from "graphile-worker";
import type { WorkerContext } from "../context.ts";
import { PermanentJobError, runClassified } from "../job-control.ts";

export function tripPublished(ctx: WorkerContext): Task<"trip:published"> {
  return (payload, helpers) =>
    runClassified(helpers, async () => {
      const { tripId } = parseJobPayload("trip:published", payload);
      const trip = await ctx.db.prisma.trip.findUnique({ where: { id: tripId }, select: { status: true } });
      if (!trip) throw new PermanentJobError(`Trip ${tripId} does not exist.`);
      ctx.log.info({ tripId, status: trip.status }, "trip published");
    });
}
