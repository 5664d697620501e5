// Placement input: checked and normalised without the database (names, phone number, ids, quantities).
import { DomainError } from "../../errors.ts";
import { isUuid } from "../../ids.ts";
import { normalisePhoneNumber } from "../guest-details.ts";

export interface PlaceOrderInput {
  /** The trip, by id or by its public slug. */
  trip: { id: string } | { slug: string };
  /** Client-generated, one per checkout attempt; a retry sends the same key. */
  idempotencyKey: string;
  guest: {
    name: string;
    phone: string;
    email?: string | null;
    shippingAddress: string;
    note?: string | null;
  };
  items: { productId: string; quantity: number }[];
  now?: Date;
}

/** Most units of one product in one order, however many lines they were sent on (checked after merging). */
export const maxQuantityPerProduct = 1000;

/** The input checked and normalised (no database): what the read and the plan work from. */
export interface PreparedPlacement {
  trip: PlaceOrderInput["trip"];
  key: string;
  /** One line per product (lines of the same product merged), sorted by product id. */
  items: { productId: string; quantity: number }[];
  guest: {
    name: string;
    phone: string;
    email: string | null;
    shippingAddress: string;
    note: string | null;
  };
}

/** Checks and normalises the input (names, phone number, quantities, ids); throws a DomainError when bad. */
export function preparePlacement(input: PlaceOrderInput): PreparedPlacement {
  const name = input.guest.name.trim().replace(/\s+/g, " ");
  const shippingAddress = input.guest.shippingAddress.trim();
  if (!name) throw new DomainError("BAD_INPUT", "Enter your name.", { field: "guestName" });
  if (!shippingAddress)
    throw new DomainError("BAD_INPUT", "Enter a shipping address.", { field: "shippingAddress" });
  const key = input.idempotencyKey.trim();
  if (key.length < 8 || key.length > 100) {
    throw new DomainError("BAD_INPUT", "The idempotency key must be 8 to 100 characters (a UUID works).");
  }
  if (input.items.length === 0) throw new DomainError("BAD_INPUT", "Add at least one product to the order.");
  const quantities = new Map<string, number>();
  for (const item of input.items) {
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > maxQuantityPerProduct) {
      throw new DomainError(
        "BAD_INPUT",
        `Each quantity must be a whole number from 1 to ${maxQuantityPerProduct}.`,
        { productId: item.productId },
      );
    }
    // The merged total is bounded in the plan, where the product's name is known for the message.
    quantities.set(item.productId, (quantities.get(item.productId) ?? 0) + item.quantity);
  }
  const items = [...quantities].map(([productId, quantity]) => ({ productId, quantity }));
  items.sort((a, b) => (a.productId < b.productId ? -1 : 1));
  const badId = items.find((item) => !isUuid(item.productId));
  if (badId) throw new DomainError("NOT_FOUND", "A product in this order is not part of this trip.", badId);
  if ("id" in input.trip && !isUuid(input.trip.id)) throw new DomainError("NOT_FOUND", "No such trip.");
  return {
    trip: input.trip,
    key,
    items,
    guest: {
      name,
      phone: normalisePhoneNumber(input.guest.phone),
      email: input.guest.email?.trim().toLowerCase() || null,
      shippingAddress,
      note: input.guest.note?.trim() || null,
    },
  };
}
