// Indonesian formatting for what guests and hosts read, on pages and in messages alike. Time zones are explicit so the server render and the
// browser's hydration produce the same text.
const rupiah = new Intl.NumberFormat("id-ID", {
  style: "currency",
  currency: "IDR",
  maximumFractionDigits: 0,
});

// Trip dates are calendar days (a DATE column, read as UTC midnight).
const tripDay = new Intl.DateTimeFormat("id-ID", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

// Deadlines are instants; hosts and guests are mostly in Western Indonesia (WIB).
const deadline = new Intl.DateTimeFormat("id-ID", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Asia/Jakarta",
  timeZoneName: "short",
});

/** 125000 -> "Rp 125.000" */
export function formatRupiah(amount: number): string {
  return rupiah.format(amount);
}

/** "1–10 Des 2026", "28 Nov – 3 Des 2026" */
export function formatTripDates(startsOn: Date, endsOn: Date): string {
  return tripDay.formatRange(startsOn, endsOn);
}

/** "Rabu, 9 Desember 2026 pukul 23.59 WIB" */
export function formatDeadline(at: Date): string {
  return deadline.format(at);
}

/** null -> unlimited; 0 -> sold out; otherwise what is left. */
export function stockLabel(stockAvailable: number | null): string {
  if (stockAvailable === null) return "Stok tak terbatas";
  if (stockAvailable <= 0) return "Habis";
  return `Sisa ${stockAvailable}`;
}

const orderStatusLabels = {
  pending_dp: "Menunggu pembayaran DP",
  awaiting_validation: "Bukti transfer sedang dicek",
  awaiting_final_payment: "Menunggu pelunasan",
  awaiting_final_validation: "Pelunasan sedang dicek",
  paid: "Lunas, segera dibelikan",
  shipped: "Dalam pengiriman",
  delivered: "Sudah diterima",
  expired: "Kedaluwarsa (DP tidak dibayar)",
  cancelled: "Dibatalkan",
  rejected: "Pembayaran ditolak",
  refunded: "Dana sudah dikembalikan",
} as const;

export type OrderStatusName = keyof typeof orderStatusLabels;

/** What a guest reads for each order status. */
export function orderStatusLabel(status: OrderStatusName): string {
  return orderStatusLabels[status];
}
