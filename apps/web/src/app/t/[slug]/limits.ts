// How many of a product one order may hold: the stock left, the host's max per order, and the API's cap.
export function maxQuantity(product: { stockAvailable: number | null; maxPerOrder: number | null }): number {
  return Math.max(0, Math.min(product.stockAvailable ?? 1000, product.maxPerOrder ?? 1000, 1000));
}

export function isTakingOrders(trip: { status: string; orderDeadline: Date }, now = Date.now()): boolean {
  return trip.status === "open" && trip.orderDeadline.getTime() > now;
}
