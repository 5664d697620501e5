// Who hears about what. Every order notification goes through here so template keys and dedupe keys are
// written once. Params never carry a magic-link token: `withOrderLink` asks the sender to mint one.
import type { NotificationToQueue } from "../notifications/outbox.ts";

export interface NotifiedOrder {
  id: string;
  code: string;
  guestPhone: string;
  hostPhone: string;
}

type NotificationParams = Record<string, string | number | boolean | null>;

/**
 * One message about an order to one side. `eventRef` makes the key unique per occurrence (an order can see
 * two final-payment rejections). Only the guest's messages carry their order link.
 */
function orderNotification(
  order: NotifiedOrder,
  audience: "guest" | "host",
  templateKey: string,
  eventRef: string,
  params: NotificationParams,
): NotificationToQueue {
  return {
    orderId: order.id,
    channel: "whatsapp",
    recipient: audience === "guest" ? order.guestPhone : order.hostPhone,
    templateKey,
    params: { orderCode: order.code, ...(audience === "guest" ? { withOrderLink: true } : {}), ...params },
    dedupeKey: `order:${order.id}:${eventRef}:${audience}`,
  };
}

export function guestNotification(
  order: NotifiedOrder,
  templateKey: string,
  eventRef: string,
  params: NotificationParams = {},
): NotificationToQueue {
  return orderNotification(order, "guest", templateKey, eventRef, params);
}

export function hostNotification(
  order: NotifiedOrder,
  templateKey: string,
  eventRef: string,
  params: NotificationParams = {},
): NotificationToQueue {
  return orderNotification(order, "host", templateKey, eventRef, params);
}
