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
// The placement's statements and plan (buildPlacementStatement, ...) are not public: only the bench's SQL
// ceiling uses them, importing place-order/index.ts directly.
export {
  maxQuantityPerProduct,
  type PlacedOrder,
  type PlacementGate,
  type PlaceOrderInput,
  type PlaceOrderOptions,
  placeOrder,
} from "./place-order/index.ts";
export { downPaymentFor } from "./pricing.ts";
export * from "./queries.ts";
export { refundOwedSql, settleEndedOrder } from "./refunds.ts";
export { heldStock, releaseStock, writeProductStock } from "./stock.ts";
export { databaseNow } from "./transition.ts";
export * from "./transitions.ts";
