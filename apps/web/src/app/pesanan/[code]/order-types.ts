import type { z } from "zod";
import type { ZGuestOrderSchema } from "../../../server/api/routers/order.schema";

/** One order as guestOrder.get returns it. */
export type GuestOrder = z.infer<typeof ZGuestOrderSchema>;
