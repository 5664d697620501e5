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
export { type PlacedOrder, type PlaceOrderInput, placeOrder } from "./place-order.ts";
export { downPaymentFor } from "./pricing.ts";
export * from "./queries.ts";
export * from "./transitions.ts";
