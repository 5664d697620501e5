import { adminJobsRouter } from "./routers/admin-jobs";
import { guestOrderRouter } from "./routers/guest-order";
import { hostOrderRouter } from "./routers/host-order";
import { orderRouter } from "./routers/order";
import { tripRouter } from "./routers/trip";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  trip: tripRouter,
  order: orderRouter,
  guestOrder: guestOrderRouter,
  hostOrder: hostOrderRouter,
  admin: adminJobsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
