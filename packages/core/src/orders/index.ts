export { generateOrderCode, parseOrderCode } from "./code.ts";
export * from "./deadlines.ts";
export { cancelOrder, confirmDelivery, recordRefund, shipOrder } from "./fulfilment.ts";
export { normalisePhoneNumber } from "./guest-details.ts";
export { finalAmountOf, type InvoiceComponents, issueFinalInvoice } from "./invoice.ts";
export {
  acceptPayment,
  rejectPayment,
  submitDownPaymentProof,
  submitFinalPaymentProof,
} from "./payments.ts";
export {
  buildPlacementStatement,
  maxQuantityPerProduct,
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
} from "./place-order/index.ts";
export { downPaymentFor } from "./pricing.ts";
export * from "./queries.ts";
export { refundOwedSql, settleEndedOrder } from "./refunds.ts";
export { heldStock, releaseStock, writeProductStock } from "./stock.ts";
export { databaseNow } from "./transition.ts";
export * from "./transitions.ts";
