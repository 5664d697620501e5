import { adminJobsRouter } from "./routers/admin-jobs";
import { guestOrderRouter } from "./routers/guest-order";
import { hostInboxRouter } from "./routers/host/inbox";
import { hostProductRouter } from "./routers/host/products";
import { hostProfileRouter } from "./routers/host/profile";
import { hostTripRouter } from "./routers/host/trips";
import { hostOrderRouter } from "./routers/host-order";
import { liveRouter } from "./routers/live";
import { orderRouter } from "./routers/order";
import { tripRouter } from "./routers/trip";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  trip: tripRouter,
  order: orderRouter,
  guestOrder: guestOrderRouter,
  hostOrder: hostOrderRouter,
  admin: adminJobsRouter,
  hostProfile: hostProfileRouter,
  hostTrip: hostTripRouter,
  hostProduct: hostProductRouter,
  hostInbox: hostInboxRouter,
  live: liveRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
