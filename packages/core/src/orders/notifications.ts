// Who hears about what. Every order notification goes through here so template keys and dedupe keys are
// written once. Params never carry a magic-link token: `withOrderLink` asks the sender to mint one.
import type { NotificationToQueue } from "../notifications/outbox.ts";

export interface NotifiedOrder {
  id: string;
  code: string;
  guestPhone: string;
  hostPhone: string;
}

/** `eventRef` makes the key unique per occurrence (an order can see two final-payment rejections). */
export function guestNotification(
  order: NotifiedOrder,
  templateKey: string,
  eventRef: string,
  params: Record<string, string | number | boolean | null> = {},
): NotificationToQueue {
  return {
    orderId: order.id,
    channel: "whatsapp",
    recipient: order.guestPhone,
    templateKey,
    params: { orderCode: order.code, withOrderLink: true, ...params },
    dedupeKey: `order:${order.id}:${eventRef}:guest`,
  };
}

export function hostNotification(
  order: NotifiedOrder,
  templateKey: string,
  eventRef: string,
  params: Record<string, string | number | boolean | null> = {},
): NotificationToQueue {
  return {
    orderId: order.id,
    channel: "whatsapp",
    recipient: order.hostPhone,
    templateKey,
    params: { orderCode: order.code, ...params },
    dedupeKey: `order:${order.id}:${eventRef}:host`,
  };
}
