export { generateOrderCode, parseOrderCode } from "./code.ts";
export * from "./deadlines.ts";
export { cancelOrder, confirmDelivery, recordRefund, shipOrder } from "./fulfilment.ts";
export { normalisePhoneNumber } from "./guest-details.ts";
export {
  acceptPayment,
  issueFinalInvoice,
  rejectPayment,
  submitDownPaymentProof,
  submitFinalPaymentProof,
} from "./payments.ts";
export {
  buildPlacementStatement,
  type PlacedOrder,
  type PlacementPlan,
  type PlacementSql,
  type PlacementTripRow,
  type PlaceOrderInput,
  type PlaceOrderOptions,
  type PreparedPlacement,
  placementReadStatement,
  placeOrder,
  planPlacement,
  preparePlacement,
} from "./place-order.ts";
export { downPaymentFor } from "./pricing.ts";
export * from "./queries.ts";
export * from "./transitions.ts";
