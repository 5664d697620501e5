import {
  createTrip,
  getHostTrip,
  listHostTrips,
  moveTrip,
  tripParticipants,
  tripShoppingList,
  updateTrip,
} from "@nitip/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { hostProcedure } from "../../trpc";
import { workspaceActor } from "./actor";
import { ZCreateTripSchema, ZMoveTripSchema, ZTripIdSchema, ZUpdateTripSchema } from "./trips.schema";

/** The host's trips: list, read, create, edit, lifecycle, and the per-trip views. */
export const hostTripRouter = {
  list: hostProcedure.query(({ ctx }) => listHostTrips(ctx.db, { actor: workspaceActor(ctx.user) })),

  get: hostProcedure
    .input(ZTripIdSchema)
    .query(({ ctx, input }) =>
      getHostTrip(ctx.db, { actor: workspaceActor(ctx.user), tripId: input.tripId }),
    ),

  create: hostProcedure
    .input(ZCreateTripSchema)
    .mutation(({ ctx, input }) => createTrip(ctx.db, { actor: workspaceActor(ctx.user), trip: input })),

  update: hostProcedure
    .input(ZUpdateTripSchema)
    .mutation(({ ctx, input }) => updateTrip(ctx.db, { actor: workspaceActor(ctx.user), ...input })),

  /** publish (draft -> open, enqueues trip:published), close, complete, cancel. */
  move: hostProcedure
    .input(ZMoveTripSchema)
    .mutation(({ ctx, input }) => moveTrip(ctx.db, { actor: workspaceActor(ctx.user), ...input })),

  participants: hostProcedure
    .input(ZTripIdSchema)
    .query(({ ctx, input }) =>
      tripParticipants(ctx.db, { actor: workspaceActor(ctx.user), tripId: input.tripId }),
    ),

  shoppingList: hostProcedure
    .input(ZTripIdSchema)
    .query(({ ctx, input }) =>
      tripShoppingList(ctx.db, { actor: workspaceActor(ctx.user), tripId: input.tripId }),
    ),
} satisfies TRPCRouterRecord;
