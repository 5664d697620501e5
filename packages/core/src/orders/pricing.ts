// Money is integer rupiah. The down payment is a percentage of the subtotal, rounded up, with a floor,
// never more than the subtotal; `full` trips take the whole subtotal up front.
export interface DownPaymentRule {
  paymentType: "dp" | "full";
  dpPercent: number;
  minDownPayment: number;
}

export function downPaymentFor(subtotal: number, rule: DownPaymentRule): number {
  if (rule.paymentType === "full") return subtotal;
  // Integer arithmetic: ceil(subtotal * pct / 100) without floating point.
  const percentage = Math.floor((subtotal * rule.dpPercent + 99) / 100);
  return Math.min(Math.max(percentage, rule.minDownPayment), subtotal);
}
